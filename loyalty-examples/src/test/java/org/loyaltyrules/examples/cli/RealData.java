package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.examples.data.EventSources;
import org.loyaltyrules.examples.data.LoadedEvents;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.ReplayResult;

/**
 * The shared real data sets ({@code ../shared/data} next to the repository root) and one compiled demo engine for
 * all tests of this JVM. Tests using them are skipped, saying why, when the folder is absent.
 */
final class RealData {

    private static LoyaltyEngine engine;

    private RealData() {
    }

    /** {@code name} under the shared data folder; skips the calling test when it is not there. */
    static Path file(String name) {
        Path root = repositoryRoot();
        Path data = root.toAbsolutePath().getParent().resolve("shared").resolve("data");
        Path file = data.resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file),
                "skipped: real data " + file + " not found (expected ../shared/data next to the repository root " + root + ")");
        return file;
    }

    /** The folder holding the parent pom (artifactId loyalty-parent), found walking up from the working directory. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && isParent(Files.readString(pom))) {
                    return dir;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Assumptions.abort("skipped: no parent pom (loyalty-parent) above " + Path.of("").toAbsolutePath());
        return null;
    }

    // a module pom names loyalty-parent too, in <parent>; only the parent has <modules>
    private static boolean isParent(String pom) {
        return pom.contains("<artifactId>loyalty-parent</artifactId>") && pom.contains("<modules>");
    }

    static synchronized LoyaltyEngine engine() {
        if (engine == null) {
            engine = LoyaltyEngine.create(Program.load(CliRun.DEMO_PROGRAM));
        }
        return engine;
    }

    static LoadedEvents load(Path file) {
        return EventSources.load(file, null, engine().program().settings(), false);
    }

    /** A replay as {@code loyalty run} makes it (review at the last event), with its report and wall time. */
    record Replayed(ReplayReport report, ReplayResult result, double seconds) {
    }

    static Replayed replay(LoadedEvents input) {
        long start = System.nanoTime();
        List<LoyaltyEvent> events = input.events();
        Instant until = events.stream().map(LoyaltyEvent::at).max(Instant::compareTo).orElseThrow();
        ReplayReport.Tally tally = new ReplayReport.Tally(events, () -> { });
        ReplayResult result = ParallelReplay.replay(engine(), events, until, tally,
                Runtime.getRuntime().availableProcessors());
        ReplayReport report = new ReplayReport(engine().program().settings(), input, events, until, result, tally);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: replayed %d events of %d members in %.1f s%n", input.source(), events.size(),
                result.members().size(), seconds);
        return new Replayed(report, result, seconds);
    }

    /**
     * Points are conserved over all members: the signed sum of every posting but ACTIVATE (EARN - CLAWBACK - REDEEM
     * - EXPIRE, + ADJUST and REDEEM_REVERSAL), plus clawbacks that could not be recovered, equals available +
     * pending; and each member's ledger conserves its own totals.
     */
    static void assertPointsConserved(ReplayResult result) {
        long posted = result.postings().stream().filter(p -> p.type() != PostingType.ACTIVATE)
                .mapToLong(Posting::points).sum();
        long unrecovered = result.members().values().stream().mapToLong(m -> m.ledger().totals().unrecovered()).sum();
        long held = result.members().values().stream().mapToLong(m -> m.pointsAvailable() + m.pointsPending()).sum();
        assertThat(posted + unrecovered).isEqualTo(held);
        assertThat(result.members().values()).allMatch(m -> m.ledger().isConserved(), "ledger conserved");
        assertThat(result.members().values().stream().mapToLong(MemberState::pointsPending).sum()).isNotNegative();
    }
}
