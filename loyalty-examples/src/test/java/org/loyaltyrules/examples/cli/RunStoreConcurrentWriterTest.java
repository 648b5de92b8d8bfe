package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.jdbc.JdbcMemberStore;
import org.loyaltyrules.rules.EventIdOwners;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.ReplayResult;
import org.loyaltyrules.rules.io.EventReader;

/**
 * {@code run --store} while another writer stores members and event ids between this run's load and its save: the
 * members it touched are not saved and are named, the others are saved, and running again lands the rest.
 */
class RunStoreConcurrentWriterTest {

    static final String EVENTS = """
            {"id":"c-1","type":"purchase","member":"m0","at":"2025-03-03T10:00:00Z","amount":"100.00"}
            {"id":"c-2","type":"purchase","member":"m2","at":"2025-03-03T10:00:00Z","amount":"50.00"}
            {"id":"shared-1","type":"purchase","member":"xc","at":"2025-03-04T10:00:00Z","amount":"30.00"}
            """;

    @Test
    void an_event_id_another_writer_stores_for_another_member_meanwhile_fails_only_its_member_and_the_rerun_refuses_it(
            @TempDir Path dir) throws Exception {
        // given: this run loaded nothing and replayed the three events
        Path file = Files.writeString(dir.resolve("c.jsonl"), EVENTS);
        String url = "jdbc:h2:file:" + dir.resolve("db");
        LoyaltyEngine engine = LoyaltyEngine.load(CliRun.DEMO_PROGRAM);
        List<LoyaltyEvent> events = EventReader.forProgram(engine.program().settings()).read(file).events();
        PrintWriter err = new PrintWriter(new StringWriter());
        try (StoreOptions.Opened opened = StoreOptions.open(url, null, null, 2, null)) {
            JdbcMemberStore store = opened.store();
            StoreLanding landing = new StoreLanding(store, 2);
            Map<String, MemberState> initial = landing.load(events, err, false);
            EventIdOwners owners = EventIdOwners.of(events, landing.ownersOf(events, initial));
            ReplayResult result = ParallelReplay.replay(engine, initial, owners, null, d -> { }, 2);

            // when: another writer stores shared-1 for xb and creates m0 before this run saves
            store.save(engine.apply(null, purchase("shared-1", "xb", "2025-03-04T09:00:00Z", "20.00")).state(), 0);
            store.save(engine.apply(null, purchase("b-1", "m0", "2025-03-03T09:00:00Z", "40.00")).state(), 0);

            // then
            assertThatThrownBy(() -> landing.save(result.members(), err, false))
                    .isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessage("2 member(s) were not saved, because other writers changed the store while this run "
                            + "replayed them: 1 changed in the store meanwhile (first: [m0]); 1 processed an event id "
                            + "that another writer stored for another member meanwhile (first: [shared-1 of xc, "
                            + "stored for xb]). 1 other member(s) were saved; no output was written. Run the same "
                            + "command again: events already stored count as duplicates, and an event id stored for "
                            + "another member is refused DUPLICATE_EVENT_ID.");
            assertThat(store.load("m2").orElseThrow().version()).isEqualTo(1L);
            assertThat(store.load("xc")).isEmpty();
            assertThat(store.load("m0").orElseThrow().state().processedEventIds()).containsExactlyInAnyOrder("b-1");
        }

        // when: the same command again
        CliRun again = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", file.toString(),
                "--out", dir.resolve("out").toString(), "--store", url, "--no-progress");

        // then: c-1 lands on the other writer's m0, c-2 is m2's duplicate, shared-1 is xb's
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("3 read, 1 applied, 1 rejected, 1 duplicates")
                .contains("  store      " + url + ": 1 member saved (0 new), 1 unchanged\n");
        assertThat(Files.readString(dir.resolve("out/rejections.csv"))).isEqualTo("""
                event,member,code,detail
                shared-1,xc,DUPLICATE_EVENT_ID,event shared-1 was already processed for member xb in the store; \
                event ids must be unique across members
                """);
        try (StoreOptions.Opened opened = StoreOptions.open(url, null, null, 2, null)) {
            assertThat(opened.store().load("m0").orElseThrow().state().processedEventIds())
                    .containsExactlyInAnyOrder("b-1", "c-1");
            assertThat(opened.store().load("xc")).isEmpty();
        }
    }

    private static Purchase purchase(String id, String member, String at, String usd) {
        return Purchase.of(id, member, Instant.parse(at), Money.of(usd, "USD"));
    }
}
