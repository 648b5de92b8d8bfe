package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --store}, night after night: summary.json and stdout cover the members the run touched, with their
 * opening balance as stored before it, so that {@code opening + issued − redeemed − expired − clawedBack + unrecovered
 * + adjusted = available + pending} closes on the run's own postings (ledger.csv).
 */
class RunStoreOpeningBalanceTest {

    static final Path RETAIL_BASIC = Path.of("programs/retail-basic");

    static final String DAY1 = """
            {"id":"p1","type":"purchase","member":"m1","at":"2025-01-02T10:00:00Z","amount":"100.00"}
            {"id":"q1","type":"purchase","member":"m9","at":"2025-01-02T11:00:00Z","amount":"50.00"}
            """;
    static final String DAY2 = """
            {"id":"p2","type":"purchase","member":"m1","at":"2025-01-03T10:00:00Z","amount":"10.00"}
            """;

    @TempDir
    Path dir;

    private CliRun night(String name, String events) throws Exception {
        Path file = Files.writeString(dir.resolve(name + ".jsonl"), events);
        return CliRun.of("run", "--program", RETAIL_BASIC.toString(), "--events", file.toString(),
                "--out", dir.resolve(name).toString(), "--store", "jdbc:h2:file:" + dir.resolve("db"),
                "--no-progress");
    }

    private JsonNode summary(String name) throws Exception {
        return new ObjectMapper().readTree(dir.resolve(name).resolve("summary.json").toFile());
    }

    /** opening + issued − redeemed − expired − clawedBack + unrecovered + adjusted, and available + pending. */
    private static long[] sides(JsonNode s) {
        JsonNode t = s.get("totals");
        long left = s.get("opening").get("points").asLong() + t.get("pointsIssued").asLong()
                - t.get("pointsRedeemed").asLong() - t.get("pointsExpired").asLong()
                - t.get("pointsClawedBack").asLong() + t.get("pointsUnrecovered").asLong()
                + t.get("pointsAdjusted").asLong();
        return new long[] {left, t.get("pointsAvailable").asLong() + t.get("pointsPending").asLong()};
    }

    @Test
    void the_second_night_reports_the_members_it_touched_from_their_opening_balance() throws Exception {
        // given: night 1 stores m1 (100 pending) and m9 (50 pending)
        CliRun first = night("day1", DAY1);
        assertThat(first.exitCode()).as(first.err()).isZero();

        // when: night 2 sends one purchase of m1
        CliRun second = night("day2", DAY2);

        // then: m1 opens at 100 pending, earns 10 and closes at 110; m9, not touched, is in no figure
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("""
                  members    1 touched by this run (1 stored before it, 0 new): member 1, silver 0, gold 0, platinum 0
                  opening    100 points (0 available, 100 pending) of the members touched, as stored before this run
                  points     10 issued, 0 redeemed, 0 expired, 0 clawed back by this run
                  liability  110 points (0 available, 110 pending) of the members touched
                """);
        JsonNode s = summary("day2");
        assertThat(s.get("scope").asText()).isEqualTo("membersTouched");
        assertThat(s.get("counts").get("members").asLong()).isEqualTo(1);
        assertThat(s.get("opening").toString())
                .isEqualTo("{\"members\":1,\"points\":100,\"pointsAvailable\":0,\"pointsPending\":100}");
        assertThat(s.get("totals").toString()).isEqualTo("{\"pointsIssued\":10,\"pointsRedeemed\":0,"
                + "\"pointsExpired\":0,\"pointsClawedBack\":0,\"pointsUnrecovered\":0,\"pointsAdjusted\":0,"
                + "\"pointsAvailable\":0,\"pointsPending\":110}");
        assertThat(sides(s)).containsExactly(110, 110);
        assertThat(s.get("liability").get("points").asLong()).isEqualTo(110);
        assertThat(s.get("tierMix").toString()).isEqualTo("{\"member\":1,\"silver\":0,\"gold\":0,\"platinum\":0}");
        assertThat(s.get("store").get("membersSaved").asLong()).isEqualTo(1);
        assertThat(s.get("store").get("membersNew").asLong()).isZero();
        // members.csv: m1's lifetime standing (100 earned before + tonight's 10); ledger.csv: tonight's postings
        assertThat(Files.readString(dir.resolve("day2/members.csv"))).isEqualTo("""
                member,tier,points_available,points_pending,points_earned,points_redeemed,points_expired,growth,status
                m1,member,0,110,110,0,0,110,ACTIVE
                """);
        assertThat(Files.readString(dir.resolve("day2/ledger.csv"))).isEqualTo("""
                event,member,at,type,points,rule,explanation
                p2,m1,2025-01-03T10:00:00Z,EARN,10,Purchases earn base points at the program rate,\
                base 1 per unit on eligible 10.00 = 10
                """);
    }

    @Test
    void unrecovered_points_are_those_of_the_night_so_the_identity_closes_on_every_night() throws Exception {
        // given: night 1 stores m1 (100 pending) and m9
        night("day1", DAY1);

        // when: night 2 redeems 90 of m1's 100 (available since 2025-01-16), refunds 40.00 of p1 (40 points to
        // claw back, 10 left to take: 30 unrecovered), earns 10 for m1 and 40 for the new m3; night 3 earns 5 for m1
        CliRun second = night("n2", """
                {"id":"x1","type":"redemption","member":"m1","at":"2025-02-10T10:00:00Z","points":90}
                {"id":"r1","type":"refund","member":"m1","at":"2025-02-11T10:00:00Z","original":"p1","amount":"40.00"}
                {"id":"p2","type":"purchase","member":"m1","at":"2025-02-11T12:00:00Z","amount":"10.00"}
                {"id":"c1","type":"purchase","member":"m3","at":"2025-02-11T12:00:00Z","amount":"40.00"}
                """);
        CliRun third = night("n3", """
                {"id":"p3","type":"purchase","member":"m1","at":"2025-02-12T10:00:00Z","amount":"5.00"}
                """);

        // then night 2: 100 + 50 − 90 − 0 − 40 + 30 + 0 = 50 = 0 available + 50 pending (m1 10, m3 40)
        assertThat(second.exitCode()).as(second.err()).isZero();
        JsonNode n2 = summary("n2");
        assertThat(n2.get("opening").toString())
                .isEqualTo("{\"members\":1,\"points\":100,\"pointsAvailable\":0,\"pointsPending\":100}");
        assertThat(n2.get("totals").toString()).isEqualTo("{\"pointsIssued\":50,\"pointsRedeemed\":90,"
                + "\"pointsExpired\":0,\"pointsClawedBack\":40,\"pointsUnrecovered\":30,\"pointsAdjusted\":0,"
                + "\"pointsAvailable\":0,\"pointsPending\":50}");
        assertThat(sides(n2)).containsExactly(50, 50);
        assertThat(n2.get("store").get("membersNew").asLong()).isEqualTo(1);
        // then night 3: m1's 30 unrecovered points are night 2's, not night 3's: 10 + 5 + 0 = 15
        assertThat(third.exitCode()).as(third.err()).isZero();
        JsonNode n3 = summary("n3");
        assertThat(n3.get("opening").toString())
                .isEqualTo("{\"members\":1,\"points\":10,\"pointsAvailable\":0,\"pointsPending\":10}");
        assertThat(n3.get("totals").toString()).isEqualTo("{\"pointsIssued\":5,\"pointsRedeemed\":0,"
                + "\"pointsExpired\":0,\"pointsClawedBack\":0,\"pointsUnrecovered\":0,\"pointsAdjusted\":0,"
                + "\"pointsAvailable\":0,\"pointsPending\":15}");
        assertThat(sides(n3)).containsExactly(15, 15);
        assertThat(Files.readString(dir.resolve("n3/members.csv"))).isEqualTo("""
                member,tier,points_available,points_pending,points_earned,points_redeemed,points_expired,growth,status
                m1,member,0,15,115,90,0,75,ACTIVE
                """);
    }

    @Test
    void a_run_without_a_store_has_no_opening_scope_or_store_and_its_stdout_is_as_before() throws Exception {
        // when
        Path file = Files.writeString(dir.resolve("day1.jsonl"), DAY1);
        CliRun run = CliRun.of("run", "--program", RETAIL_BASIC.toString(), "--events", file.toString(),
                "--out", dir.resolve("out").toString(), "--no-progress");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("""
                  members    2: member 2, silver 0, gold 0, platinum 0
                  points     150 issued, 0 redeemed, 0 expired, 0 clawed back
                  liability  150 points (0 available, 150 pending)
                """);
        JsonNode s = summary("out");
        assertThat(s.has("scope")).isFalse();
        assertThat(s.has("opening")).isFalse();
        assertThat(s.has("store")).isFalse();
    }
}
