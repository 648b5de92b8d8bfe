package org.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyrules.core.event.Adjustment;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.TierReview;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Refusal;
import org.loyaltyrules.rules.TierMove;

/**
 * Scheduled tier reviews with the JDBC store (docs/embedding.md §2, "Scheduled tier reviews"): one
 * {@code service.apply(TierReview.of(memberId, at))} per member, each in its own transaction with the service's
 * retries. retail-basic: rolling 12 months, status valid to the end of the window, 30 days of grace, one step down.
 * m1 bought 2,500 (gold) and m2 600 (silver) on 2025-03-03; the status, renewed at the 2026 review, lapses on
 * 2027-03-03 and is reviewed after the grace, on 2027-04-02.
 */
class LoyaltyServiceScheduledReviewTest {

    private static final LoyaltyEngine ENGINE = Histories.retailBasic();
    private static final Instant BOUGHT = Instant.parse("2025-03-03T10:00:00Z");
    private static final String REVIEW_ID = "review:m1:2027-04-03T00:00:00Z";

    /** What one run of the job reported: tier moves, and members to review again on the next run. */
    private record Run(List<String> notices, List<String> reviewNextRun) {
    }

    /** The guide's job: its lines from {@code at} to the loop's end ({@link #the_guide_shows_exactly_these_lines}). */
    private static Run runReviews(LoyaltyService service, List<String> membersToReview) {
        List<String> notices = new ArrayList<>();
        List<String> reviewNextRun = new ArrayList<>();
        Instant at = Instant.parse("2027-04-03T00:00:00Z");                     // every event before it is in
        for (String memberId : membersToReview) {
            try {
                Decision review = service.apply(TierReview.of(memberId, at));   // retried on conflicts
                review.tierMoves().forEach(m -> notices.add(memberId + ": " + m.from() + " -> " + m.to()));
            } catch (IllegalStateException e) {                                 // others won every attempt
                reviewNextRun.add(memberId);
            }
        }
        return new Run(notices, reviewNextRun);
    }

    interface ReviewTest {
        void run(TestDatabase db, LoyaltyService service);
    }

    /** Runs {@code test} on a fresh store of {@code kind} where m1 bought 2,500 (gold) and m2 600 (silver). */
    private static void givenGoldAndSilver(String kind, ReviewTest test) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            LoyaltyService service = LoyaltyService.create(ENGINE, db.store());
            service.apply(Purchase.of("p1", "m1", BOUGHT, Histories.usd("2500.00")));
            service.apply(Purchase.of("q1", "m2", BOUGHT, Histories.usd("600.00")));
            test.run(db, service);
        }
    }

    private static MemberState stored(TestDatabase db, String member) {
        return db.coldStore().load(member).orElseThrow().state();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_scheduled_review_lowers_each_lapsed_member_one_step_and_stores_it(String kind) {
        givenGoldAndSilver(kind, (db, service) -> {
            // when
            Run run = runReviews(service, List.of("m1", "m2"));

            // then
            assertThat(run.notices()).containsExactly("m1: gold -> silver", "m2: silver -> member");
            assertThat(stored(db, "m1").tier().tierId()).isEqualTo("silver");
            assertThat(stored(db, "m2").tier().tierId()).isEqualTo("member");
            assertThat(db.coldStore().load("m1").orElseThrow().version()).isEqualTo(2L);
            assertThat(stored(db, "m1").processedEventIds()).containsExactly("p1", REVIEW_ID);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void running_the_same_reviews_again_is_a_duplicate_and_changes_nothing(String kind) {
        givenGoldAndSilver(kind, (db, service) -> {
            // given: the job ran once
            runReviews(service, List.of("m1", "m2"));

            // when
            Run run = runReviews(service, List.of("m1", "m2"));
            Decision again = service.apply(TierReview.of("m1", Instant.parse("2027-04-03T00:00:00Z")));

            // then
            assertThat(run.notices()).isEmpty();
            assertThat(again.outcome()).isEqualTo(Decision.Outcome.DUPLICATE);
            assertThat(db.coldStore().load("m1").orElseThrow().version()).isEqualTo(2L);
            assertThat(db.coldStore().load("m2").orElseThrow().version()).isEqualTo(2L);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_member_another_writer_changes_during_its_review_is_reviewed_again_on_the_new_state(String kind) {
        givenGoldAndSilver(kind, (db, service) -> {
            // given: while m1's review is evaluated, another process stores a goodwill adjustment for m1 (version 2)
            LoyaltyService otherProcess = LoyaltyService.create(ENGINE, db.coldStore());
            AtomicInteger evaluations = new AtomicInteger();
            service.onStep(step -> {
                if (step == LoyaltyService.Step.AFTER_EVALUATE && evaluations.incrementAndGet() == 1) {
                    otherProcess.apply(Adjustment.of("a1", "m1", Instant.parse("2027-04-01T09:00:00Z"), 100,
                            "goodwill"));
                }
            });

            // when
            Run run = runReviews(service, List.of("m1"));

            // then: the first attempt lost the version check; the second read version 2 and kept the adjustment
            assertThat(evaluations.get()).isEqualTo(2);
            assertThat(run.notices()).containsExactly("m1: gold -> silver");
            MemberState m1 = stored(db, "m1");
            assertThat(db.coldStore().load("m1").orElseThrow().version()).isEqualTo(3L);
            assertThat(m1.processedEventIds()).containsExactly("p1", "a1", REVIEW_ID);
            assertThat(m1.tier().tierId()).isEqualTo("silver");
            assertThat(m1.ledger().available()).isEqualTo(100L);
        });
    }

    /** {@code gold} with one attempt, whose first evaluation loses to another process's adjustment of m1. */
    private static LoyaltyService losingItsFirstAttempt(TestDatabase db, LoyaltyService gold) {
        LoyaltyService service = gold.withMaxAttempts(1);
        LoyaltyService otherProcess = LoyaltyService.create(ENGINE, db.coldStore());
        AtomicInteger evaluations = new AtomicInteger();
        service.onStep(step -> {
            if (step == LoyaltyService.Step.AFTER_EVALUATE && evaluations.incrementAndGet() == 1) {
                otherProcess.apply(Adjustment.of("a1", "m1", Instant.parse("2027-04-01T09:00:00Z"), 10, "goodwill"));
            }
        });
        return service;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_review_that_loses_every_attempt_throws_naming_the_event_and_writes_nothing(String kind) {
        givenGoldAndSilver(kind, (db, gold) -> {
            // given
            LoyaltyService service = losingItsFirstAttempt(db, gold);

            // when, then
            assertThatThrownBy(() -> service.apply(TierReview.of("m1", Instant.parse("2027-04-03T00:00:00Z"))))
                    .isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessage("event " + REVIEW_ID + " of member m1 not applied: 1 attempts lost to concurrent "
                            + "writers");
            assertThat(stored(db, "m1").tier().tierId()).isEqualTo("gold");
            assertThat(stored(db, "m1").processedEventIds()).containsExactly("p1", "a1");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void the_job_carries_on_past_a_member_whose_review_lost_and_the_next_run_reviews_it(String kind) {
        givenGoldAndSilver(kind, (db, gold) -> {
            // given
            LoyaltyService service = losingItsFirstAttempt(db, gold);

            // when
            Run first = runReviews(service, List.of("m1", "m2"));
            Run next = runReviews(service, first.reviewNextRun());

            // then
            assertThat(first).isEqualTo(new Run(List.of("m2: silver -> member"), List.of("m1")));
            assertThat(next).isEqualTo(new Run(List.of("m1: gold -> silver"), List.of()));
            assertThat(stored(db, "m1").processedEventIds()).containsExactly("p1", "a1", REVIEW_ID);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_review_moves_the_event_clock_so_a_later_event_dated_before_it_is_refused_out_of_order(String kind) {
        givenGoldAndSilver(kind, (db, service) -> {
            // given: m1 reviewed at 2027-04-03T00:00:00Z
            runReviews(service, List.of("m1"));

            // when: a purchase made on 2027-04-02 arrives after the review
            Decision late = service.apply(Purchase.of("p2", "m1", Instant.parse("2027-04-02T18:00:00Z"),
                    Histories.usd("50.00")));

            // then
            assertThat(late.refusal()).isEqualTo(new Refusal("OUT_OF_ORDER", "event p2 at 2027-04-02T18:00:00Z is "
                    + "before member m1's last event at 2027-04-03T00:00:00Z; replay the member's history in time "
                    + "order"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_review_of_a_member_the_store_does_not_hold_is_refused_and_the_others_are_reviewed(String kind) {
        givenGoldAndSilver(kind, (db, service) -> {
            // when
            Run run = runReviews(service, List.of("m1", "m-gone", "m2"));

            // then
            assertThat(run.notices()).containsExactly("m1: gold -> silver", "m2: silver -> member");
            assertThat(service.store().load("m-gone")).isEmpty();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void the_review_lowers_gold_at_the_end_of_the_grace_naming_the_window_it_counted(String kind) {
        givenGoldAndSilver(kind, (db, service) -> {
            // when
            Decision review = service.apply(TierReview.of("m1", Instant.parse("2027-04-03T00:00:00Z")));

            // then: status valid to 2027-03-03, 30 days of grace
            assertThat(review.tierMoves()).containsExactly(new TierMove("m1", Instant.parse("2027-04-02T00:00:00Z"),
                    "gold", "silver", "DOWNGRADE", "gold lapsed on 2027-03-03 and was not kept: one step down"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_member_with_nothing_due_is_still_stored_with_the_review_id(String kind) {
        givenGoldAndSilver(kind, (db, service) -> {
            // when: the day after the purchase, its points pending for 13 more days, gold valid to 2026-03-03
            Decision review = service.apply(TierReview.of("m1", Instant.parse("2025-03-04T10:00:00Z")));

            // then
            assertThat(review.outcome()).isEqualTo(Decision.Outcome.APPLIED);
            assertThat(review.postings()).isEmpty();
            assertThat(review.tierMoves()).isEmpty();
            assertThat(db.coldStore().load("m1").orElseThrow().version()).isEqualTo(2L);
            assertThat(stored(db, "m1").processedEventIds()).containsExactly("p1", "review:m1:2025-03-04T10:00:00Z");
        });
    }

    @Test
    void the_guide_shows_exactly_these_lines() throws IOException {
        // the job's lines in runReviews, from the instant to the end of the loop, without runReviews' indentation
        List<String> source = Files.readAllLines(Path.of("src/test/java/org/loyaltyrules/jdbc/"
                + "LoyaltyServiceScheduledReviewTest.java"));
        int from = source.indexOf("        Instant at = Instant.parse(\"2027-04-03T00:00:00Z\");                     "
                + "// every event before it is in");
        int to = source.subList(from, source.size()).indexOf("        }") + from;
        String job = source.subList(from, to + 1).stream().map(line -> line.substring(8))
                .collect(Collectors.joining("\n", "", "\n"));

        assertThat(from).isPositive();
        assertThat(job).startsWith("Instant at").endsWith("    }\n}\n").contains("reviewNextRun.add(memberId);");
        assertThat(Files.readString(Path.of("../docs/embedding.md"))).contains("```java\n" + job + "```\n");
    }
}
