package org.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;

/**
 * A program is checked against the tiers stored members hold before it serves them: one whose ladder lost a tier
 * they hold (a reload that removes or renames it) would refuse every event of theirs (docs/embedding.md section 1).
 */
class StoredTiersCheckTest {

    private static final Instant AT = Instant.parse("2025-03-03T10:00:00Z");

    @Test
    void a_program_without_a_tier_stored_members_hold_is_refused_naming_the_tier_and_how_many_hold_it() {
        LoyaltyEngine retailBasic = Histories.retailBasic();
        try (TestDatabase db = TestDatabase.open("h2")) {
            LoyaltyService service = withGoldAndPlatinumMembers(retailBasic, db);
            // m3 is given platinum by hand (its tier and its floor)
            service.apply(new Enrollment("e3", "m3", AT, "platinum", Map.of()));
            service.apply(Purchase.of("p4", "m4", AT, Histories.usd("10.00")));

            // the program they were stored under serves them
            assertThatCode(() -> db.store().requireStoredTiersIn(retailBasic.program())).doesNotThrowAnyException();
            // a program of two tiers does not
            assertThatThrownBy(() -> db.store().requireStoredTiersIn(Histories.commuting().program()))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("stored members hold tiers that program commuting 1 does not have: 'gold' (1 as their "
                            + "tier), 'platinum' (2 as their tier, 1 as their floor); its tiers are [member, silver]. "
                            + "Migrate those members to a tier of this program (their tier and tier floor) before it "
                            + "serves them");
            assertThat(db.store().load("m4").orElseThrow().state().tier().tierId()).isEqualTo("member");
        }
    }

    @Test
    void members_migrated_in_plain_sql_without_a_version_bump_are_served_their_new_tier_after_the_reload() {
        LoyaltyEngine engine = Histories.retailBasic();
        try (TestDatabase db = TestDatabase.open("h2")) {
            LoyaltyService service = withGoldAndPlatinumMembers(engine, db); // cached at their stored version
            // the natural migration to a two-tier ladder, which forgets the version
            db.execute("UPDATE members SET tier_id = 'silver' WHERE tier_id IN ('gold', 'platinum')");

            service.reload(Histories.commuting().program());

            assertThat(engine.program().id()).isEqualTo("commuting");
            assertThat(db.store().load("m1").orElseThrow().state().tier().tierId()).isEqualTo("silver");
            Decision next = service.apply(Purchase.of("p3", "m2", AT.plusSeconds(60), Histories.usd("10.00")));
            assertThat(next.outcome()).isEqualTo(Decision.Outcome.APPLIED);
            assertThat(next.state().tier().tierId()).isEqualTo("silver");
        }
    }

    @Test
    void a_service_created_for_a_program_without_a_tier_stored_members_hold_is_refused_as_a_reload_is() {
        try (TestDatabase db = TestDatabase.open("h2")) {
            withGoldAndPlatinumMembers(Histories.retailBasic(), db);
            // the application restarts with a two-tier program: it stops instead of refusing every event of m1 and m2
            LoyaltyEngine twoTiers = Histories.commuting();

            assertThatThrownBy(() -> LoyaltyService.create(twoTiers, db.store()))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("stored members hold tiers that program commuting 1 does not have: 'gold' (1 as their "
                            + "tier), 'platinum' (1 as their tier); its tiers are [member, silver]. Migrate those "
                            + "members to a tier of this program (their tier and tier floor) before it serves them");
            db.execute("UPDATE members SET tier_id = 'silver', version = version + 1 WHERE tier_id IN ('gold', "
                    + "'platinum')");
            assertThatCode(() -> LoyaltyService.create(twoTiers, db.store())).doesNotThrowAnyException();
        }
    }

    @Test
    void a_service_is_not_created_when_the_stored_tiers_cannot_be_read() {
        try (TestDatabase db = TestDatabase.open("h2")) {
            // given: a store whose database refuses connections once it goes down (only a missing schema is let pass)
            AtomicBoolean down = new AtomicBoolean();
            DataSource real = db.dataSource();
            DataSource flaky = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                    new Class<?>[] {DataSource.class}, (ds, method, args) -> {
                        if (method.getName().equals("getConnection") && down.get()) {
                            throw new SQLException("Connection refused", "08001");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            JdbcMemberStore store = JdbcMemberStore.create(flaky, TestDatabase.SALT, 0);

            // when: the database goes away before the service is made
            down.set(true);

            // then: the application stops at start-up instead of failing member by member
            assertThatThrownBy(() -> LoyaltyService.create(Histories.retailBasic(), store))
                    .isExactlyInstanceOf(JdbcFailure.class)
                    .hasMessageStartingWith("cannot read the tiers the stored members hold: Connection refused "
                            + "(SQLState 08001)");
        }
    }

    @Test
    void a_tier_kept_beneath_a_paid_one_counts_as_held() {
        try (TestDatabase db = TestDatabase.open("h2")) {
            withGoldAndPlatinumMembers(Histories.retailBasic(), db);
            // m1 bought silver over its earned gold: gold is kept beneath, for the term's end
            db.execute("UPDATE members SET tier_id = 'silver', tier_source = 'PAID', tier_valid_until = TIMESTAMP "
                    + "WITH TIME ZONE '2026-03-03 10:00:00+00', tier_paid_until = TIMESTAMP WITH TIME ZONE "
                    + "'2026-03-03 10:00:00+00', tier_beneath_id = 'gold', tier_beneath_since = TIMESTAMP WITH TIME "
                    + "ZONE '2025-03-03 10:00:00+00', tier_beneath_valid_until = TIMESTAMP WITH TIME ZONE "
                    + "'2026-01-01 00:00:00+00', version = version + 1 WHERE member_id = 'm1'");

            assertThatThrownBy(() -> db.store().requireStoredTiersIn(Histories.commuting().program()))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("stored members hold tiers that program commuting 1 does not have: 'gold' (1 as the "
                            + "earned status beneath a paid tier), 'platinum' (1 as their tier); its tiers are [member, "
                            + "silver]. Migrate those members to a tier of this program (their tier and tier floor, "
                            + "and tier_beneath_id) before it serves them");
            assertThat(db.store().load("m1").orElseThrow().state().tier().beneath().orElseThrow().tierId())
                    .isEqualTo("gold");
        }
    }

    /** A service of {@code engine} on {@code db} whose m1 reached gold and m2 platinum by spend. */
    private static LoyaltyService withGoldAndPlatinumMembers(LoyaltyEngine engine, TestDatabase db) {
        LoyaltyService service = LoyaltyService.create(engine, db.store());
        service.apply(Purchase.of("p1", "m1", AT, Histories.usd("2000.00")));
        service.apply(Purchase.of("p2", "m2", AT, Histories.usd("5000.00")));
        return service;
    }
}
