package org.loyaltyrules.core.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.points.EarnLine;
import org.loyaltyrules.core.points.PointsLedger;
import org.loyaltyrules.core.program.PeriodCount;
import org.loyaltyrules.core.program.PeriodCounters;
import org.loyaltyrules.core.tier.TierSource;
import org.loyaltyrules.core.tier.TierStatus;

class MemberStateLifecycleTest {

    private static final Instant JOINED = Instant.parse("2025-01-15T09:00:00Z");

    @Test
    void a_new_member_starts_active_in_the_base_tier_with_nothing() {
        // when
        MemberState member = MemberState.enrol("m1", JOINED, "blue");

        // then
        assertThat(member).isEqualTo(new MemberState("m1", JOINED, JOINED, TierStatus.base("blue", JOINED),
                GrowthLedger.EMPTY, Set.of(), Map.of(), MemberStatus.ACTIVE, PointsLedger.empty("m1"),
                PeriodCounters.EMPTY, PeriodCounters.EMPTY, List.of(), List.of(), Set.of(), null, null));
        assertThat(member.pointsAvailable()).isZero();
        assertThat(member.survey()).isEmpty();
    }

    @Test
    void a_processed_event_is_remembered_and_the_latest_instant_kept() {
        // given
        MemberState member = MemberState.enrol("m1", JOINED, "blue");

        // when
        MemberState after = member.processed("p2", Instant.parse("2025-02-01T00:00:00Z"))
                .processed("p1", Instant.parse("2025-01-20T00:00:00Z"));

        // then
        assertThat(after.hasProcessed("p1")).isTrue();
        assertThat(after.hasProcessed("p3")).isFalse();
        assertThat(after.processedEventIds()).containsExactly("p2", "p1");
        assertThat(after.lastEventAt()).isEqualTo(Instant.parse("2025-02-01T00:00:00Z"));
    }

    @Test
    void status_changes_follow_the_allowed_transitions() {
        // given
        MemberState member = MemberState.enrol("m1", JOINED, "blue");

        // when
        MemberState reviewed = member.withStatus(MemberStatus.UNDER_REVIEW);
        MemberState released = reviewed.withStatus(MemberStatus.ACTIVE);

        // then
        assertThat(reviewed.status()).isEqualTo(MemberStatus.UNDER_REVIEW);
        assertThat(released.status()).isEqualTo(MemberStatus.ACTIVE);
    }

    @Test
    void a_closed_member_cannot_be_reopened() {
        MemberState closed = MemberState.enrol("m1", JOINED, "blue").withStatus(MemberStatus.CLOSED);

        assertThatThrownBy(() -> closed.withStatus(MemberStatus.ACTIVE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("member status cannot move from CLOSED to ACTIVE");
    }

    @Test
    void invalid_member_states_are_rejected_with_the_bad_value() {
        MemberState member = MemberState.enrol("m1", JOINED, "blue");

        assertThatThrownBy(() -> MemberState.enrol(" ", JOINED, "blue"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memberId must not be blank, was  ");
        assertThatThrownBy(() -> member.withLedger(PointsLedger.empty("m2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ledger belongs to member m2, not m1");
        assertThatThrownBy(() -> member.withSurveyScore(11))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("surveyScore must be in 0..10, was 11");
    }

    @Test
    void tags_and_attributes_are_kept_sorted() {
        MemberState member = MemberState.enrol("m1", JOINED, "blue")
                .withTags(Set.of("vip", "app", "newsletter"))
                .withAttributes(Map.of("region", "north", "city", "Lyon"));

        assertThat(member.tags()).containsExactly("app", "newsletter", "vip");
        assertThat(member.attributes().keySet()).containsExactly("city", "region");
    }

    @Test
    void growth_is_kept_apart_from_spendable_points() {
        // given
        GrowthLedger growth = GrowthLedger.EMPTY.plus(List.of(
                new GrowthEntry("p1", Instant.parse("2024-12-31T10:00:00Z"), "spend", new BigDecimal("120.00")),
                new GrowthEntry("p2", Instant.parse("2025-01-02T10:00:00Z"), "spend", new BigDecimal("80.50")),
                new GrowthEntry("p2", Instant.parse("2025-01-02T10:00:00Z"), "nights", new BigDecimal("2")),
                new GrowthEntry("p3", Instant.parse("2025-01-03T10:00:00Z"), "spend", BigDecimal.ZERO)));

        // when
        MemberState member = MemberState.enrol("m1", JOINED, "blue").withGrowth(growth);

        // then
        assertThat(member.growth().entries()).hasSize(3);
        assertThat(member.growth().entries().get(0).amount()).isEqualTo(new BigDecimal("120"));
        assertThat(member.growth().total("spend", Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-12-31T23:59:59Z"))).isEqualTo(new BigDecimal("80.5"));
        assertThat(member.growth().lifetime("spend")).isEqualTo(new BigDecimal("200.5"));
        assertThat(member.growth().forgetBefore(Instant.parse("2025-01-01T00:00:00Z")).lifetime("spend"))
                .isEqualTo(new BigDecimal("80.5"));
        // nothing older than the horizon: the same ledger, not a copy (the engine calls this on every purchase)
        assertThat(member.growth().forgetBefore(Instant.parse("2024-12-31T10:00:00Z"))).isSameAs(member.growth());
        assertThat(member.pointsAvailable()).isZero();
    }

    @Test
    void each_wither_changes_its_own_field_and_keeps_every_other() {
        // given: a state with every field set to something other than a new member's
        Instant start = Instant.parse("2025-02-01T00:00:00Z");
        Instant bought = Instant.parse("2025-03-03T10:00:00Z");
        Instant last = Instant.parse("2025-03-10T10:00:00Z");
        TierStatus tier = TierStatus.base("blue", JOINED).moveTo("silver", TierSource.EARNED, bought,
                Instant.parse("2026-12-31T23:00:00Z"));
        GrowthLedger growth = GrowthLedger.EMPTY.plus(
                List.of(new GrowthEntry("p1", bought, "spend", new BigDecimal("100"))));
        Set<String> tags = Set.of("vip");
        Map<String, String> attributes = Map.of("birthday", "1990-07-14");
        PointsLedger ledger = PointsLedger.empty("m1").earn("p1", bought, bought, null, false,
                List.of(new EarnLine("base", 100, "Base = 100")));
        PeriodCounters caps = new PeriodCounters(List.of(new PeriodCount("monthly-points", "2025-3", 100)));
        PeriodCounters benefits = new PeriodCounters(List.of(new PeriodCount("free-delivery", "2025-3", 1)));
        List<PurchaseRecord> purchases = List.of(PurchaseRecord.of("p1", bought, Money.of("100.00", "USD"),
                Money.of("100.00", "USD"), 100, Map.of("spend", new BigDecimal("100")), List.of(), ""));
        List<RefundRecord> refunds = List.of(new RefundRecord("r1", last, "p1", Money.of("10.00", "USD")));
        Set<String> ids = Set.of("f1", "p1", "r1");
        List<FeeRecord> fees = List.of(FeeRecord.paid("f1", start, Money.of("99.00", "USD"), "plus", 12, start,
                Instant.parse("2026-02-01T00:00:00Z")));
        MemberState full = new MemberState("m1", JOINED, start, tier, growth, tags, attributes,
                MemberStatus.UNDER_REVIEW, ledger, caps, benefits, purchases, refunds, ids, 7, last, fees);

        // and: a new value for each field a wither writes
        TierStatus gold = tier.moveTo("gold", TierSource.MANUAL, last, null);
        GrowthLedger moreGrowth = growth.plus(List.of(new GrowthEntry("p2", last, "spend", new BigDecimal("50"))));
        PointsLedger moreLedger = ledger.earn("p2", last, last, null, false,
                List.of(new EarnLine("base", 50, "Base = 50")));
        PeriodCounters otherCounters = new PeriodCounters(List.of(new PeriodCount("other", "2025-3", 2)));
        Instant otherStart = Instant.parse("2025-03-01T00:00:00Z");

        // then: each wither replaces exactly its own component; withTags by mistake dropping the fee records (a
        // paid term lost: fee refunds, paid-tier floors and TERM_MONTH quotas change) survived every test before
        assertThat(full.withTier(gold)).isEqualTo(new MemberState("m1", JOINED, start, gold, growth, tags,
                attributes, MemberStatus.UNDER_REVIEW, ledger, caps, benefits, purchases, refunds, ids, 7, last, fees));
        assertThat(full.withLedger(moreLedger)).isEqualTo(new MemberState("m1", JOINED, start, tier, growth, tags,
                attributes, MemberStatus.UNDER_REVIEW, moreLedger, caps, benefits, purchases, refunds, ids, 7, last,
                fees));
        assertThat(full.withGrowth(moreGrowth)).isEqualTo(new MemberState("m1", JOINED, start, tier, moreGrowth,
                tags, attributes, MemberStatus.UNDER_REVIEW, ledger, caps, benefits, purchases, refunds, ids, 7, last,
                fees));
        assertThat(full.withStatus(MemberStatus.ACTIVE)).isEqualTo(new MemberState("m1", JOINED, start, tier,
                growth, tags, attributes, MemberStatus.ACTIVE, ledger, caps, benefits, purchases, refunds, ids, 7,
                last, fees));
        assertThat(full.withCapUsage(otherCounters)).isEqualTo(new MemberState("m1", JOINED, start, tier, growth,
                tags, attributes, MemberStatus.UNDER_REVIEW, ledger, otherCounters, benefits, purchases, refunds, ids,
                7, last, fees));
        assertThat(full.withBenefitUsage(otherCounters)).isEqualTo(new MemberState("m1", JOINED, start, tier,
                growth, tags, attributes, MemberStatus.UNDER_REVIEW, ledger, caps, otherCounters, purchases, refunds,
                ids, 7, last, fees));
        assertThat(full.withPurchases(List.of())).isEqualTo(new MemberState("m1", JOINED, start, tier, growth,
                tags, attributes, MemberStatus.UNDER_REVIEW, ledger, caps, benefits, List.of(), refunds, ids, 7, last,
                fees));
        assertThat(full.withRefunds(List.of())).isEqualTo(new MemberState("m1", JOINED, start, tier, growth, tags,
                attributes, MemberStatus.UNDER_REVIEW, ledger, caps, benefits, purchases, List.of(), ids, 7, last,
                fees));
        assertThat(full.withTags(Set.of("app"))).isEqualTo(new MemberState("m1", JOINED, start, tier, growth,
                Set.of("app"), attributes, MemberStatus.UNDER_REVIEW, ledger, caps, benefits, purchases, refunds, ids,
                7, last, fees));
        assertThat(full.withAttributes(Map.of("region", "north"))).isEqualTo(new MemberState("m1", JOINED, start,
                tier, growth, tags, Map.of("region", "north"), MemberStatus.UNDER_REVIEW, ledger, caps, benefits,
                purchases, refunds, ids, 7, last, fees));
        assertThat(full.withSurveyScore(9)).isEqualTo(new MemberState("m1", JOINED, start, tier, growth, tags,
                attributes, MemberStatus.UNDER_REVIEW, ledger, caps, benefits, purchases, refunds, ids, 9, last,
                fees));
        assertThat(full.withMembershipStart(otherStart)).isEqualTo(new MemberState("m1", JOINED, otherStart, tier,
                growth, tags, attributes, MemberStatus.UNDER_REVIEW, ledger, caps, benefits, purchases, refunds, ids,
                7, last, fees));
        assertThat(full.withFees(List.of())).isEqualTo(new MemberState("m1", JOINED, start, tier, growth, tags,
                attributes, MemberStatus.UNDER_REVIEW, ledger, caps, benefits, purchases, refunds, ids, 7, last,
                List.of()));
    }
}
