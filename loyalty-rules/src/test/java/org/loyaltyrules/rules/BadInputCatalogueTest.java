package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.rules.EngineFixtures.baseEarningOnly;
import static org.loyaltyrules.rules.EngineFixtures.flatProgram;
import static org.loyaltyrules.rules.EngineFixtures.problemsOf;
import static org.loyaltyrules.rules.EngineFixtures.settings;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.io.EventBatch;
import org.loyaltyrules.rules.io.EventReader;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramException;
import org.loyaltyrules.rules.program.ProgramSettings;

/**
 * The bad input catalogue (issue #8): every case in {@code src/test/resources/bad-inputs/*.cases} is fed to the code
 * that reads it, and the problems that come back must be exactly the catalogued locations and messages. Events go
 * through {@link EventReader} and, when they read well, through the engine (whose refusals are located as
 * {@code event <id>}); program.json cases through ProgramJson; DRL cases are compiled as
 * {@code rules/earning/case.drl} (or the path a first line {@code file: <path>} names) next to the base-earning rules
 * and, when they compile, run on one purchase.
 *
 * <p>{@code -Dbad-inputs.record=true} writes what the code answers now to {@code target/bad-inputs/} as a first
 * draft of the expectations; every recorded message is read before it goes into the catalogue.
 */
class BadInputCatalogueTest {

    private static final boolean RECORD = Boolean.getBoolean("bad-inputs.record");
    private static final Map<String, Map<String, List<Problem>>> RECORDED = new LinkedHashMap<>();

    /** The history the event cases meet, as JSON Lines: m1 bought for $100 (p0) and redeemed 50 (x0, reversed). */
    private static final String HISTORY = """
            {"id":"p0","type":"purchase","member":"m1","at":"2025-03-01T10:00:00Z","amount":"100.00"}
            {"id":"x0","type":"redemption","member":"m1","at":"2025-03-02T10:00:00Z","points":50}
            {"id":"xr0","type":"redemption_reversal","member":"m1","at":"2025-03-02T11:00:00Z","original":"x0"}
            {"id":"x1","type":"redemption","member":"m1","at":"2025-03-02T12:00:00Z","points":10}
            {"id":"c0","type":"adjustment","member":"m9","at":"2025-03-01T10:00:00Z","reason":"fraud","status":"CLOSED"}
            """;
    private static final EventReader READER = EventReader.of(ZoneOffset.UTC, Currency.getInstance("USD")).strict(false);
    private static final String CSV_HEADER = "member,date,amount,id,category,currency";

    private static LoyaltyEngine retail;
    private static Map<String, MemberState> members;

    private static final ProgramSettings FLAT = settings(flatProgram("A", "1"));

    @AfterEach
    void no_drools_session_is_left_open() {
        assertThat(LoyaltyEngine.liveSessions()).isZero();
    }

    static Stream<BadInputCases> jsonLines() {
        return BadInputCases.read("events.jsonl").stream();
    }

    static Stream<BadInputCases> csv() {
        return BadInputCases.read("events.csv").stream();
    }

    static Stream<BadInputCases> programs() {
        return BadInputCases.read("program").stream();
    }

    static Stream<BadInputCases> drl() {
        return BadInputCases.read("drl").stream();
    }

    @ParameterizedTest(name = "events.jsonl.cases:{0}")
    @MethodSource("jsonLines")
    void a_bad_json_lines_event_is_answered_with_its_line_field_or_refusal(BadInputCases c) {
        check(c, eventProblems(READER.readJsonLines(new StringReader(c.input()), "events.jsonl")));
    }

    @ParameterizedTest(name = "events.csv.cases:{0}")
    @MethodSource("csv")
    void a_bad_csv_purchase_is_answered_with_its_line_and_column(BadInputCases c) {
        String file = c.input().contains("\n") ? c.input() : CSV_HEADER + "\n" + c.input();
        check(c, eventProblems(READER.readCsv(new StringReader(file), "purchases.csv")));
    }

    @ParameterizedTest(name = "program.cases:{0}")
    @MethodSource("programs")
    void a_bad_program_json_is_answered_with_its_json_paths(BadInputCases c) {
        check(c, problemsOf(c.input()));
    }

    @ParameterizedTest(name = "drl.cases:{0}")
    @MethodSource("drl")
    void a_bad_rule_file_is_answered_with_its_file_line_and_rule(BadInputCases c) {
        String path = "earning/case.drl";
        String text = c.input();
        if (text.startsWith("file: ")) {
            path = text.substring("file: ".length(), text.indexOf('\n'));
            text = text.substring(text.indexOf('\n') + 1);
        }
        Map<String, String> drl = new LinkedHashMap<>(baseEarningOnly(FLAT));
        drl.put(path, text);
        List<Problem> actual;
        try {
            LoyaltyEngine engine = LoyaltyEngine.create(Program.of(FLAT, drl));
            try {
                engine.apply(null, Programs.purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00"));
                actual = List.of();
            } catch (RuleEvaluationException e) {
                actual = List.of(new Problem("rule \"" + e.rule() + "\" event " + e.eventId(), e.getMessage()));
            }
        } catch (ProgramException e) {
            actual = e.problems();
        }
        check(c, actual);
    }

    // ---------------------------------------------------------------- how an answer is taken

    /** The reader's problems; for the lines that read well, the engine's refusals after {@link #HISTORY}. */
    private static List<Problem> eventProblems(EventBatch batch) {
        List<Problem> problems = new ArrayList<>(batch.problems());
        Map<String, MemberState> states = new HashMap<>(history());
        for (LoyaltyEvent event : batch.events()) {
            Decision decision = engine().apply(states.get(event.memberId()), event);
            if (decision.outcome() == Decision.Outcome.REFUSED) {
                problems.add(new Problem("event " + event.id(), decision.refusal().toString()));
            } else if (decision.outcome() == Decision.Outcome.APPLIED) {
                states.put(event.memberId(), decision.state());
            }
        }
        return problems;
    }

    private static synchronized LoyaltyEngine engine() {
        if (retail == null) {
            retail = Programs.engine(Programs.retail("", ""));
        }
        return retail;
    }

    private static synchronized Map<String, MemberState> history() {
        if (members == null) {
            EventBatch batch = READER.readJsonLines(new StringReader(HISTORY), "history.jsonl");
            assertThat(batch.problems()).isEmpty();
            ReplayResult replay = engine().replay(batch.events());
            assertThat(replay.rejections()).isEmpty();
            members = Map.copyOf(replay.members());
        }
        return members;
    }

    private static void check(BadInputCases c, List<Problem> actual) {
        if (RECORD) {
            RECORDED.computeIfAbsent(c.family(), f -> new LinkedHashMap<>()).put(c.title(), actual);
            return;
        }
        assertThat(actual).as("%s.cases:%d %s", c.family(), c.line(), c.title())
                .isNotEmpty()
                .containsExactlyElementsOf(c.expected());
    }

    @AfterAll
    static void record() {
        for (Map.Entry<String, Map<String, List<Problem>>> family : RECORDED.entrySet()) {
            BadInputCases.record(family.getKey(), BadInputCases.read(family.getKey()), family.getValue(),
                    Path.of("target", "bad-inputs"));
        }
    }
}
