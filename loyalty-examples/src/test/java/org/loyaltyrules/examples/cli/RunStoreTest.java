package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.jdbc.JdbcMemberStore;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.io.EventReader;
import org.loyaltyrules.rules.store.StoredMember;

/** {@code run --store}: a replay lands in a database, idempotently, and continues from what is stored. */
class RunStoreTest {

    static final String FIRST = """
            {"id":"a1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"300.00"}
            {"id":"a2","type":"purchase","member":"m1","at":"2025-03-10T10:00:00Z","amount":"250.00"}
            {"id":"b1","type":"purchase","member":"m2","at":"2025-03-03T10:00:00Z","amount":"80.00"}
            """;
    static final String SECOND = """
            {"id":"a3","type":"purchase","member":"m1","at":"2025-04-01T10:00:00Z","amount":"100.00"}
            {"id":"c1","type":"purchase","member":"m3","at":"2025-04-01T10:00:00Z","amount":"40.00"}
            """;

    private static StoredMember stored(String url, String member) {
        try (StoreOptions.Opened opened = StoreOptions.open(url, null, null, 2, null)) {
            return opened.store().load(member).orElseThrow();
        }
    }

    @Test
    void a_replay_lands_in_the_store_and_the_same_events_again_change_nothing(@TempDir Path dir) throws Exception {
        // given
        Path events = Files.writeString(dir.resolve("first.jsonl"), FIRST);
        String url = "jdbc:h2:file:" + dir.resolve("db");

        // when
        CliRun first = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--out", dir.resolve("out1").toString(), "--store", url, "--no-progress");
        CliRun again = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--out", dir.resolve("out2").toString(), "--store", url, "--no-progress");

        // then
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("  store      " + url + ": 2 members saved (2 new), 0 unchanged\n");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("3 read, 0 applied, 0 rejected, 3 duplicates")
                .contains("  store      " + url + ": 0 members saved (0 new), 2 unchanged\n");
        StoredMember m1 = stored(url, "m1");
        assertThat(m1.version()).isEqualTo(1);
        // 300 + 250 = 550 points at 1 per USD; a2 crosses 500 growth, so m1 is silver from then on (the silver
        // bonus counts from the next purchase)
        assertThat(m1.state().ledger().totals().earned()).isEqualTo(550);
        assertThat(m1.state().tier().tierId()).isEqualTo("silver");
        assertThat(stored(url, "m2").state().ledger().totals().earned()).isEqualTo(80);
        assertThat(Files.readString(dir.resolve("out2/members.csv")))
                .isEqualTo(Files.readString(dir.resolve("out1/members.csv")));
    }

    @Test
    void a_later_run_continues_from_the_stored_members_as_one_replay_of_both_files_would(@TempDir Path dir)
            throws Exception {
        // given
        Path first = Files.writeString(dir.resolve("first.jsonl"), FIRST);
        Path second = Files.writeString(dir.resolve("second.jsonl"), SECOND);
        String url = "jdbc:h2:file:" + dir.resolve("db");
        CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", first.toString(),
                "--out", dir.resolve("out1").toString(), "--store", url, "--no-progress");

        // when
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", second.toString(),
                "--out", dir.resolve("out2").toString(), "--store", url, "--no-progress");

        // then: m1 continues (version 2), m3 is new, m2 is not touched
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("  store      " + url + ": 2 members saved (1 new), 0 unchanged\n");
        LoyaltyEngine engine = LoyaltyEngine.load(CliRun.DEMO_PROGRAM);
        EventReader reader = EventReader.forProgram(engine.program().settings());
        List<LoyaltyEvent> all = new java.util.ArrayList<>(reader.read(first).events());
        all.addAll(reader.read(second).events());
        Map<String, MemberState> together = engine.replay(all).members();
        StoredMember m1 = stored(url, "m1");
        assertThat(m1.version()).isEqualTo(2);
        assertThat(m1.state()).isEqualTo(together.get("m1"));
        assertThat(stored(url, "m3").state()).isEqualTo(together.get("m3"));
        assertThat(stored(url, "m2").version()).isEqualTo(1);
    }

    @Test
    void a_review_that_changed_a_member_is_saved_as_its_event_so_the_next_run_neither_repeats_it_nor_goes_back(
            @TempDir Path dir) throws Exception {
        // given: the first run's as-of is m2's purchase on 1 April, by when m1's 600 points (3 March, 14 pending
        // days) became available on 17 March; the review of m2 changes nothing
        Path first = Files.writeString(dir.resolve("first.jsonl"), """
                {"id":"q1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"600.00"}
                {"id":"q2","type":"purchase","member":"m2","at":"2025-04-01T10:00:00Z","amount":"100.00"}
                """);
        // a till's late upload: a redemption on 10 March, then a purchase on 5 April
        Path second = Files.writeString(dir.resolve("second.jsonl"), """
                {"id":"x1","type":"redemption","member":"m1","at":"2025-03-10T10:00:00Z","points":100}
                {"id":"q3","type":"purchase","member":"m1","at":"2025-04-05T10:00:00Z","amount":"10.00"}
                """);
        String url = "jdbc:h2:file:" + dir.resolve("db");
        CliRun firstRun = land(first, dir.resolve("out1"), url);

        // when
        CliRun run = land(second, dir.resolve("out2"), url);

        // then: the first run reported the activation; the store holds m1's review as its event, m2 as its events
        // left it (nothing moved)
        assertThat(firstRun.exitCode()).as(firstRun.err()).isZero();
        assertThat(Files.readString(dir.resolve("out1/members.csv"))).contains("\nm1,silver,600,0,600,");
        assertThat(Files.readString(dir.resolve("out1/ledger.csv")))
                .contains("\nq1,m1,2025-03-17T10:00:00Z,ACTIVATE,600,");
        // the late redemption is refused, not decided on a ledger already moved past its date, and the second run
        // reports only its own postings (the purchase's EARN), not the first run's activation again
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(dir.resolve("out2/rejections.csv"))).isEqualTo("""
                event,member,code,detail
                x1,m1,OUT_OF_ORDER,event x1 at 2025-03-10T10:00:00Z is before member m1's last event at \
                2025-04-01T10:00:00Z; replay the member's history in time order
                """);
        assertThat(Files.readString(dir.resolve("out2/ledger.csv")).lines().skip(1).map(l -> l.split(",")[3]
                + " " + l.split(",")[4] + " " + l.split(",")[0]).toList()).containsExactly("EARN 10 q3", "EARN 2 q3");
        MemberState m1 = stored(url, "m1").state();
        assertThat(m1.ledger().available()).isEqualTo(600);
        assertThat(m1.ledger().pending()).isEqualTo(12); // 10 base + the silver bonus of 20 %
    }

    @Test
    void an_as_of_date_records_the_review_at_the_last_microsecond_of_that_day(@TempDir Path dir) throws Exception {
        // given: the end of 30 April is 23:59:59.999999999, finer than a store keeps (the run failed: "lastEventAt
        // must be whole microseconds ... to be stored")
        Path events = Files.writeString(dir.resolve("events.jsonl"), """
                {"id":"q1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"600.00"}
                """);
        String url = "jdbc:h2:file:" + dir.resolve("db");

        // when
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--store", url, "--no-progress", "--as-of", "2025-04-30");

        // then: the review that made the 600 points available is recorded at the day's last microsecond
        assertThat(run.exitCode()).as(run.err()).isZero();
        MemberState m1 = stored(url, "m1").state();
        assertThat(m1.lastEventAt()).isEqualTo(java.time.Instant.parse("2025-04-30T23:59:59.999999Z"));
        assertThat(m1.ledger().available()).isEqualTo(600);
    }

    @Test
    void a_closed_members_review_is_saved_and_not_reported_again_by_later_runs(@TempDir Path dir) throws Exception {
        // given: 300 points pending until 15 March, the account closed on 5 March; the first run reviews to 31 March
        Path first = Files.writeString(dir.resolve("first.jsonl"), """
                {"id":"c1","type":"purchase","member":"m1","at":"2025-03-01T10:00:00Z","amount":"300.00"}
                {"id":"c2","type":"adjustment","member":"m1","at":"2025-03-05T10:00:00Z","points":0,"reason":"closed",\
                "status":"CLOSED"}
                """);
        Path second = Files.writeString(dir.resolve("second.jsonl"), """
                {"id":"c3","type":"redemption","member":"m1","at":"2025-06-01T10:00:00Z","points":10}
                """);
        String url = "jdbc:h2:file:" + dir.resolve("db");
        CliRun firstRun = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", first.toString(),
                "--out", dir.resolve("out1").toString(), "--store", url, "--no-progress", "--as-of",
                "2025-03-31T00:00:00Z");

        // when: a closed member refuses every event, the review's TierReview too
        CliRun run = land(second, dir.resolve("out2"), url);

        // then: the first run reported the activation, and the second does not report it again
        assertThat(firstRun.exitCode()).as(firstRun.err()).isZero();
        assertThat(Files.readString(dir.resolve("out1/ledger.csv"))).contains("\nc1,m1,2025-03-15T10:00:00Z,ACTIVATE,300,");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(dir.resolve("out2/ledger.csv")).lines().skip(1).toList()).isEmpty();
        assertThat(Files.readString(dir.resolve("out2/rejections.csv"))).contains("\nc3,m1,MEMBER_CLOSED,");
        assertThat(stored(url, "m1").state().ledger().available()).isEqualTo(300);
    }

    /** {@code run} of {@code events} under the demo program into {@code out}, landing in the store at {@code url}. */
    private static CliRun land(Path events, Path out, String url) {
        return CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--out", out.toString(), "--store", url, "--no-progress");
    }

    /** rejections.csv of m2's p1 when the store holds p1 for m1. */
    static final String M2_P1_HELD_FOR_M1 = """
            event,member,code,detail
            p1,m2,DUPLICATE_EVENT_ID,event p1 was already processed for member m1 in the store; event ids must be \
            unique across members
            """;

    /** m1 and m2 both send p1; m1's copy is the earlier. */
    static final String SHARED_ID = """
            {"id":"p1","type":"purchase","member":"m1","at":"2025-03-01T10:00:00Z","amount":"100.00"}
            {"id":"p1","type":"purchase","member":"m2","at":"2025-03-08T10:00:00Z","amount":"30.00"}
            """;

    @Test
    void an_id_of_two_members_lands_for_the_first_and_the_same_file_runs_again_to_the_end(@TempDir Path dir)
            throws Exception {
        // given
        Path events = Files.writeString(dir.resolve("shared.jsonl"), SHARED_ID);
        String url = "jdbc:h2:file:" + dir.resolve("db");

        // when
        CliRun first = land(events, dir.resolve("out1"), url);
        CliRun again = land(events, dir.resolve("out2"), url);

        // then: the second time, m1's copy is a duplicate and m2's is refused as the store's m1's
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("2 read, 1 applied, 1 rejected, 0 duplicates")
                .contains("  store      " + url + ": 1 member saved (1 new), 0 unchanged\n");
        assertThat(Files.readString(dir.resolve("out1/rejections.csv"))).isEqualTo("""
                event,member,code,detail
                p1,m2,DUPLICATE_EVENT_ID,"event p1 belongs to member m1, whose copy at 2025-03-01T10:00:00Z comes \
                first; event ids must be unique across members"
                """);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("2 read, 0 applied, 1 rejected, 1 duplicates")
                .contains("  store      " + url + ": 0 members saved (0 new), 1 unchanged\n");
        assertThat(Files.readString(dir.resolve("out2/rejections.csv"))).isEqualTo(M2_P1_HELD_FOR_M1);
        assertThat(stored(url, "m1").state().ledger().totals().earned()).isEqualTo(100);
        try (StoreOptions.Opened opened = StoreOptions.open(url, null, null, 2, null)) {
            assertThat(opened.store().load("m2")).isEmpty();
        }
    }

    @Test
    void an_id_the_store_holds_for_another_member_is_refused_even_when_its_copy_is_earlier_and_the_rest_lands(
            @TempDir Path dir) throws Exception {
        // given: m1's p1 is stored; m2 then sends p1 dated before it, and its own b2
        Path first = Files.writeString(dir.resolve("first.jsonl"), SHARED_ID.lines().findFirst().orElseThrow());
        Path later = Files.writeString(dir.resolve("later.jsonl"), """
                {"id":"p1","type":"purchase","member":"m2","at":"2025-02-01T10:00:00Z","amount":"30.00"}
                {"id":"b2","type":"purchase","member":"m2","at":"2025-03-09T10:00:00Z","amount":"40.00"}
                """);
        String url = "jdbc:h2:file:" + dir.resolve("db");
        land(first, dir.resolve("out1"), url);

        // when
        CliRun run = land(later, dir.resolve("out2"), url);

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("2 read, 1 applied, 1 rejected, 0 duplicates")
                .contains("  store      " + url + ": 1 member saved (1 new), 0 unchanged\n");
        assertThat(Files.readString(dir.resolve("out2/rejections.csv"))).isEqualTo(M2_P1_HELD_FOR_M1);
        assertThat(stored(url, "m2").state().ledger().totals().earned()).isEqualTo(40);
        assertThat(stored(url, "m1").state().ledger().totals().earned()).isEqualTo(100);
    }

    @Test
    void an_id_the_store_holds_for_another_member_is_refused_for_a_member_already_stored(@TempDir Path dir)
            throws Exception {
        // given: the store holds p1 for m1 and q1 for m2; m2, already stored, then sends p1 and its own q2 (the
        // store's owners of ids are looked up for stored senders too, or the save fails on p1 on every run)
        Path first = Files.writeString(dir.resolve("first.jsonl"), """
                {"id":"p1","type":"purchase","member":"m1","at":"2025-03-01T10:00:00Z","amount":"10.00"}
                {"id":"q1","type":"purchase","member":"m2","at":"2025-03-01T10:00:00Z","amount":"20.00"}
                """);
        Path later = Files.writeString(dir.resolve("later.jsonl"), """
                {"id":"p1","type":"purchase","member":"m2","at":"2025-03-02T10:00:00Z","amount":"30.00"}
                {"id":"q2","type":"purchase","member":"m2","at":"2025-03-03T10:00:00Z","amount":"5.00"}
                """);
        String url = "jdbc:h2:file:" + dir.resolve("db");
        land(first, dir.resolve("out1"), url);

        // when
        CliRun run = land(later, dir.resolve("out2"), url);

        // then: m2 continues with q2 only (20 + 5 points at 1 per USD)
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("2 read, 1 applied, 1 rejected, 0 duplicates")
                .contains("  store      " + url + ": 1 member saved (0 new), 0 unchanged\n");
        assertThat(Files.readString(dir.resolve("out2/rejections.csv"))).isEqualTo(M2_P1_HELD_FOR_M1);
        MemberState m2 = stored(url, "m2").state();
        assertThat(m2.hasProcessed("q2")).isTrue();
        assertThat(m2.hasProcessed("p1")).isFalse();
        assertThat(m2.ledger().totals().earned()).isEqualTo(25);
        assertThat(stored(url, "m1").state().ledger().totals().earned()).isEqualTo(10);
    }

    @Test
    void member_export_and_erase_of_an_unknown_member_show_the_store_url_without_its_password(@TempDir Path dir)
            throws Exception {
        // given a store whose URL carries its password
        Path events = Files.writeString(dir.resolve("first.jsonl"), FIRST);
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";USER=sa;PASSWORD=s3cret-pw";
        CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--store", url, "--no-progress");

        // when
        CliRun export = CliRun.of("member", "export", "--store", url, "nobody");
        CliRun erase = CliRun.of("member", "erase", "--store", url, "--pseudonym-salt", "a-salt-of-16-chars-or-more",
                "nobody");

        // then: the password is shown as *** (docs/embedding.md), as run --store and migrate show it
        String shown = "jdbc:h2:file:" + dir.resolve("db") + ";USER=sa;PASSWORD=***";
        assertThat(export.err()).isEqualTo("no member nobody in " + shown + "\n"
                + "Try 'loyalty member export --help' for more information.\n");
        assertThat(erase.err()).isEqualTo("no member nobody in " + shown + "\n"
                + "Try 'loyalty member erase --help' for more information.\n");
        assertThat(export.err() + erase.err()).doesNotContain("s3cret");
    }

    @Test
    void member_export_prints_the_document_and_erase_replaces_the_id(@TempDir Path dir) throws Exception {
        // given
        Path events = Files.writeString(dir.resolve("first.jsonl"), FIRST);
        String url = "jdbc:h2:file:" + dir.resolve("db");
        CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--store", url, "--no-progress");

        // when
        CliRun export = CliRun.of("member", "export", "--store", url, "m1");
        CliRun unknown = CliRun.of("member", "export", "--store", url, "nobody");
        CliRun noSalt = CliRun.of("member", "erase", "--store", url, "m1");
        CliRun shortSalt = CliRun.of("member", "erase", "--store", url, "--pseudonym-salt", "short", "m1");
        CliRun erase = CliRun.of("member", "erase", "--store", url, "--pseudonym-salt", "a-salt-of-16-chars-or-more",
                "m1");

        // then
        assertThat(export.exitCode()).isZero();
        JsonNode document = new ObjectMapper().readTree(export.out());
        assertThat(document.get("format").asText()).isEqualTo("loyalty-member-export/1");
        assertThat(document.get("member").asText()).isEqualTo("m1");
        assertThat(unknown.exitCode()).isEqualTo(LoyaltyCli.USAGE); // as in explain
        assertThat(unknown.err()).isEqualTo("no member nobody in " + url + "\n"
                + "Try 'loyalty member export --help' for more information.\n");
        assertThat(noSalt.exitCode()).isEqualTo(LoyaltyCli.USAGE);
        assertThat(noSalt.err()).startsWith("erase needs --pseudonym-salt or the environment variable "
                + "LOYALTY_PSEUDONYM_SALT");
        // a salt the store refuses is a usage error too, before anything is erased
        assertThat(shortSalt.exitCode()).isEqualTo(LoyaltyCli.USAGE);
        assertThat(shortSalt.err()).isEqualTo("--pseudonym-salt: pseudonym salt must have at least 16 characters, "
                + "had 5\nTry 'loyalty member erase --help' for more information.\n");
        assertThat(erase.exitCode()).as(erase.err()).isZero();
        assertThat(erase.out()).startsWith("erased m1: now erased-");
        String pseudonym = erase.out().trim().substring("erased m1: now ".length());
        try (StoreOptions.Opened opened = StoreOptions.open(url, null, null, 2, null)) {
            JdbcMemberStore store = opened.store();
            assertThat(store.load("m1")).isEmpty();
            assertThat(store.load(pseudonym).orElseThrow().state().ledger().totals().earned()).isEqualTo(550);
        }
    }

    @Test
    void a_program_with_a_tier_id_the_store_cannot_hold_is_refused_before_the_replay_and_lands_nothing(
            @TempDir Path dir) throws Exception {
        // given: the demo program with a gold tier id of 101 characters (the store keeps tier ids in VARCHAR(100))
        String gold = "gold-" + "g".repeat(96);
        Path program = Files.createDirectories(dir.resolve("program"));
        Files.writeString(program.resolve("program.json"), Files.readString(CliRun.DEMO_PROGRAM.resolve("program.json"))
                .replace("\"gold\"", "\"" + gold + "\""));
        Path events = Files.writeString(dir.resolve("first.jsonl"), FIRST);
        String url = "jdbc:h2:file:" + dir.resolve("db");

        // when
        CliRun run = CliRun.of("run", "--program", program.toString(), "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--store", url, "--no-progress");

        // then
        assertThat(run.exitCode()).isEqualTo(LoyaltyCli.FAILED);
        assertThat(run.err()).isEqualTo("error: program retail-basic 2026.1-demo defines ids the store cannot hold: "
                + "tier id '" + gold + "' must have at most 100 characters to be stored, had 101\n");
        try (StoreOptions.Opened opened = StoreOptions.open(url, null, null, 2, null)) {
            assertThat(opened.store().load("m1")).isEmpty();
            assertThat(opened.store().load("m2")).isEmpty();
        }
        assertThat(dir.resolve("out/summary.json")).doesNotExist();
    }

    @Test
    void a_store_url_of_another_kind_is_a_usage_error(@TempDir Path dir) throws Exception {
        Path events = Files.writeString(dir.resolve("first.jsonl"), FIRST);

        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--store", "jdbc:mysql://localhost/x", "--no-progress");
        CliRun export = CliRun.of("member", "export", "--store", "jdbc:mysql://localhost/x", "m1");

        assertThat(run.exitCode()).isEqualTo(LoyaltyCli.USAGE);
        assertThat(run.err()).isEqualTo("--store: expected a jdbc:h2:... or jdbc:postgresql:... URL, was "
                + "jdbc:mysql://localhost/x\nTry 'loyalty run --help' for more information.\n");
        assertThat(export.exitCode()).isEqualTo(LoyaltyCli.USAGE);
        assertThat(export.err()).isEqualTo("--store: expected a jdbc:h2:... or jdbc:postgresql:... URL, was "
                + "jdbc:mysql://localhost/x\nTry 'loyalty member export --help' for more information.\n");
    }

    @Test
    void member_commands_on_a_url_that_points_nowhere_create_nothing(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("typo");

        CliRun export = CliRun.of("member", "export", "--store", url, "m1");
        CliRun erase = CliRun.of("member", "erase", "--store", url, "--pseudonym-salt", "a-salt-of-16-chars-or-more",
                "m1");

        assertThat(export.exitCode()).isEqualTo(LoyaltyCli.FAILED);
        assertThat(export.err()).isEqualTo("error: no database at " + url + " (nothing was created)\n");
        assertThat(erase.exitCode()).isEqualTo(LoyaltyCli.FAILED);
        assertThat(erase.err()).isEqualTo("error: no database at " + url + " (nothing was created)\n");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void member_export_of_a_database_without_the_loyalty_schema_says_so_and_migrates_nothing(@TempDir Path dir)
            throws Exception {
        // given: a database of something else
        String url = "jdbc:h2:file:" + dir.resolve("other");
        try (var c = java.sql.DriverManager.getConnection(url); var s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id INT)");
        }

        // when
        CliRun export = CliRun.of("member", "export", "--store", url, "m1");

        // then
        assertThat(export.exitCode()).isEqualTo(LoyaltyCli.FAILED);
        assertThat(export.err()).isEqualTo("error: " + url + " has no loyalty schema (no loyalty_schema_history table); "
                + "`loyalty migrate --store " + url + "` (or JdbcMemberStore.migrate) creates and upgrades it\n");
        assertThat(tables(url)).containsExactly("ORDERS");
    }

    @Test
    void member_export_of_an_older_schema_names_both_versions_and_migrates_nothing(@TempDir Path dir) throws Exception {
        // given: a store at schema version 1
        String url = "jdbc:h2:file:" + dir.resolve("old");
        try (var pool = new com.zaxxer.hikari.HikariDataSource()) {
            pool.setJdbcUrl(url);
            org.flywaydb.core.Flyway.configure().dataSource(pool).locations(JdbcMemberStore.MIGRATIONS)
                    .table(JdbcMemberStore.HISTORY_TABLE).target("1").load().migrate();
        }

        // when
        CliRun export = CliRun.of("member", "export", "--store", url, "m1");

        // then
        assertThat(export.exitCode()).isEqualTo(LoyaltyCli.FAILED);
        assertThat(export.err()).isEqualTo("error: " + url + " holds loyalty schema version 1, this loyalty needs "
                + "version 4; `loyalty migrate --store " + url
                + "` (or JdbcMemberStore.migrate) creates and upgrades it\n");
        try (var c = java.sql.DriverManager.getConnection(url); var s = c.createStatement();
             var rs = s.executeQuery("SELECT max(\"version\") FROM \"loyalty_schema_history\"")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("1");
        }
    }

    private static List<String> tables(String url) throws Exception {
        List<String> names = new java.util.ArrayList<>();
        try (var c = java.sql.DriverManager.getConnection(url); var s = c.createStatement();
             var rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC' "
                     + "ORDER BY table_name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
