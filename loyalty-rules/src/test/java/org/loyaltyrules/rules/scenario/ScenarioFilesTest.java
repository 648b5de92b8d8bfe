package org.loyaltyrules.rules.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramException;

/** Scenario files as authors save them and folders as they arrange them. */
class ScenarioFilesTest {

    private static final String PURCHASE = """
            {"when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "10.99"}],
             "then": {"pointsAwarded": 10}}
            """;

    private static final String PROGRAM = """
            {"id": "t", "version": "1", "earning": {"baseRate": "1"}, "tiers": {"ladder": [{"id": "member"}]}}
            """;

    @TempDir
    Path dir;

    @Test
    void a_scenario_file_starting_with_a_byte_order_mark_loads() throws IOException {
        // given
        Path file = dir.resolve("01-bom.json");
        Files.write(file, ("\uFEFF" + PURCHASE).getBytes(StandardCharsets.UTF_8));

        // when
        Scenario scenario = Scenario.load(file);

        // then
        assertThat(scenario.name()).isEqualTo("01-bom");
        assertThat(scenario.when()).containsExactly(
                "{\"type\":\"purchase\",\"at\":\"2025-03-03T10:00:00Z\",\"amount\":\"10.99\",\"member\":\"m1\","
                        + "\"id\":\"when-1\"}");
        assertThat(scenario.then().pointsAwarded()).isEqualTo(10L);
    }

    @Test
    void a_scenario_file_that_is_not_utf8_is_named_with_the_line_of_its_first_bad_byte() throws IOException {
        // given: a description with 'é' saved as Latin-1 (0xE9) on line 2
        Path file = dir.resolve("02-latin1.json");
        Files.write(file, "{\n\"description\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));

        // when
        ProgramException error = catchThrowableOfType(() -> Scenario.load(file), ProgramException.class);

        // then
        assertThat(error.problems()).containsExactly(new Problem(file.toString(),
                "not UTF-8 text (byte 0xE9 at line 2 is not UTF-8); save it as UTF-8"));
    }

    @Test
    void text_that_is_not_json_is_located_at_line_and_column_without_jackson_settings() {
        ProgramException error = catchThrowableOfType(() -> Scenario.parse("{ \"given\": {", "s.json", "s"),
                ProgramException.class);

        assertThat(error.problems()).containsExactly(new Problem("s.json:1:13", "not valid JSON: Unexpected"
                + " end-of-input: expected close marker for Object (opened at line 1, column 12)"));
    }

    @Test
    void a_broken_file_is_one_failing_dynamic_test_named_after_it_and_the_others_still_run() throws Throwable {
        // given: a program, a passing scenario and a file that is not JSON
        Files.writeString(dir.resolve("program.json"), PROGRAM);
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("01-broken.json"), "{ \"given\": {");
        Files.writeString(scenarios.resolve("02-purchase.json"), PURCHASE);

        // when
        List<DynamicTest> tests = ScenarioTests.dynamicTests(dir, scenarios).toList();

        // then
        assertThat(tests).extracting(DynamicTest::getDisplayName).containsExactly("01-broken", "02-purchase");
        AssertionError broken = catchThrowableOfType(() -> tests.get(0).getExecutable().execute(),
                AssertionError.class);
        assertThat(broken).hasMessage("invalid scenario " + scenarios.resolve("01-broken.json") + ":\n  "
                + scenarios.resolve("01-broken.json") + ":1:13: not valid JSON: Unexpected end-of-input: expected"
                + " close marker for Object (opened at line 1, column 12)");
        tests.get(1).getExecutable().execute(); // 10.99 at 1 point per unit: 10, as expected
    }

    @Test
    void a_scenario_whose_expectation_fails_is_a_failing_dynamic_test_with_the_report() throws IOException {
        // given: three purchases of 10.00 expecting 999 points, under a COUNT cap of two purchases a day;
        // a dynamic test that threw only on a runner error let every wrong expectation pass (audit 13, ST1)
        Files.writeString(dir.resolve("program.json"), """
                {"id": "t", "version": "1", "currency": "USD", "zone": "UTC", "earning": {"baseRate": "1"},
                 "tiers": {"ladder": [{"id": "member"}]},
                 "risk": {"caps": [{"id": "two-a-day", "period": "DAY", "measure": "COUNT", "limit": 2}]}}
                """);
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("01-wrong-points.json"), """
                {"when": [{"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "10.00"},
                          {"id": "p2", "type": "purchase", "at": "2025-03-03T10:10:00Z", "amount": "10.00"},
                          {"id": "p3", "type": "purchase", "at": "2025-03-03T10:20:00Z", "amount": "10.00"}],
                 "then": {"pointsAwarded": 999}}
                """);

        // when
        List<DynamicTest> tests = ScenarioTests.dynamicTests(dir, scenarios).toList();

        // then: 10 + 10, the third purchase withheld by the cap of two a day, is 20, not 999
        assertThat(tests).extracting(DynamicTest::getDisplayName).containsExactly("01-wrong-points");
        assertThat(failureOf(tests.get(0))).startsWith("FAIL 01-wrong-points\n")
                .contains("pointsAwarded", "expected: 999", "actual:   20", "10 withheld by cap two-a-day");
    }

    @Test
    void a_file_with_a_blank_name_is_one_failing_dynamic_test_named_after_it_and_the_later_files_still_run()
            throws Throwable {
        // given: a blank name, which JUnit would refuse as a display name, between two files
        Files.writeString(dir.resolve("program.json"), PROGRAM);
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("01-blank.json"), PURCHASE.replaceFirst("\\{", "{\"name\": \" \", "));
        Files.writeString(scenarios.resolve("02-purchase.json"), PURCHASE);

        // when
        List<DynamicTest> tests = ScenarioTests.dynamicTests(dir, scenarios).toList();

        // then
        assertThat(tests).extracting(DynamicTest::getDisplayName).containsExactly("01-blank", "02-purchase");
        AssertionError blank = catchThrowableOfType(() -> tests.get(0).getExecutable().execute(),
                AssertionError.class);
        assertThat(blank).hasMessage("invalid scenario " + scenarios.resolve("01-blank.json") + ":\n  "
                + scenarios.resolve("01-blank.json") + " $.name: must not be blank, was \" \"");
        tests.get(1).getExecutable().execute();
    }

    @Test
    void scenario_files_in_subfolders_are_found_sorted_by_relative_path() throws IOException {
        // given: files at two depths, written out of order, and a folder and a file that are not scenarios
        Files.createDirectories(dir.resolve("tier/upgrades"));
        Files.createDirectories(dir.resolve("notes.json"));
        for (String file : List.of("tier/upgrades/01-gold.json", "earning/02-bonus.json", "00-smoke.json",
                "earning/01-base.json", "tier/README.md")) {
            Files.createDirectories(dir.resolve(file).getParent());
            Files.writeString(dir.resolve(file), PURCHASE);
        }

        // when
        List<Path> files = Scenario.files(dir);

        // then
        assertThat(files).containsExactly(dir.resolve("00-smoke.json"), dir.resolve("earning/01-base.json"),
                dir.resolve("earning/02-bonus.json"), dir.resolve("tier/upgrades/01-gold.json"));
    }

    @Test
    void a_scenario_without_a_name_is_named_by_its_path_relative_to_the_scenario_folder() throws IOException {
        // given: 01-base.json in two subfolders, and one at the top
        Files.writeString(dir.resolve("program.json"), PROGRAM);
        Path scenarios = dir.resolve("scenarios");
        for (String file : List.of("earning/01-base.json", "tiers/01-base.json", "00-smoke.json")) {
            Files.createDirectories(scenarios.resolve(file).getParent());
            Files.writeString(scenarios.resolve(file), PURCHASE);
        }

        // when
        List<String> loaded = Scenario.loadAll(scenarios).stream().map(Scenario::name).toList();
        List<String> tests = ScenarioTests.dynamicTests(dir, scenarios).map(DynamicTest::getDisplayName).toList();

        // then
        assertThat(loaded).containsExactly("00-smoke", "earning/01-base", "tiers/01-base");
        assertThat(tests).containsExactly("00-smoke", "earning/01-base", "tiers/01-base");
    }

    @Test
    void a_folder_without_scenario_files_is_one_failing_dynamic_test() throws IOException {
        // given
        Files.writeString(dir.resolve("program.json"), PROGRAM);
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));

        // when
        List<DynamicTest> tests = ScenarioTests.dynamicTests(dir, scenarios).toList();

        // then
        assertThat(tests).extracting(DynamicTest::getDisplayName).containsExactly("no scenario files");
        assertThat(failureOf(tests.get(0))).isEqualTo("no scenario files (*.json) in " + scenarios);
    }

    @Test
    void a_folder_that_does_not_exist_is_one_failing_dynamic_test_worded_as_loyalty_test() {
        // given: no program.json either, as the folder is looked for before the program is compiled
        Path scenarios = dir.resolve("nope");

        // when
        List<DynamicTest> tests = ScenarioTests.dynamicTests(dir, scenarios).toList();

        // then
        assertThat(tests).extracting(DynamicTest::getDisplayName).containsExactly("scenario folder not found");
        assertThat(failureOf(tests.get(0))).isEqualTo("scenario folder not found: " + scenarios);
    }

    @Test
    void a_file_given_as_the_scenario_folder_is_one_failing_dynamic_test_worded_as_loyalty_test() throws IOException {
        // given
        Path scenarios = Files.writeString(dir.resolve("01-base.json"), PURCHASE);

        // when
        List<DynamicTest> tests = ScenarioTests.dynamicTests(dir, scenarios).toList();

        // then
        assertThat(tests).extracting(DynamicTest::getDisplayName).containsExactly("scenario folder is a file");
        assertThat(failureOf(tests.get(0))).isEqualTo(scenarios + " is a file, not a folder: name the folder that"
                + " holds the scenario files (*.json)");
    }

    /** The message {@code test} fails with. */
    private static String failureOf(DynamicTest test) {
        return catchThrowableOfType(() -> test.getExecutable().execute(), AssertionError.class).getMessage();
    }

    @Test
    void an_integer_written_with_a_zero_fraction_is_read_as_that_integer() {
        // given: JSON Schema's integer, which 120.0 is
        String json = """
                {"when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "120.50"}],
                 "then": {"pointsAwarded": 120.0, "caps": [{"cap": "daily-points", "withheld": 5.00}]}}
                """;

        // when
        Scenario scenario = Scenario.parse(json, "s.json", "s");

        // then
        assertThat(scenario.then().pointsAwarded()).isEqualTo(120L);
        assertThat(scenario.then().caps()).containsExactly(new Scenario.ExpectedCap("daily-points", null, 5L));
    }

    @Test
    void a_member_id_is_trimmed_like_the_ids_of_events() {
        // given
        String json = """
                {"given": {"member": " r1 "},
                 "when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "120.50"}],
                 "then": {"pointsAwarded": 120}}
                """;

        // when
        Scenario scenario = Scenario.parse(json, "s.json", "s");

        // then
        assertThat(scenario.given().member()).isEqualTo("r1");
        assertThat(scenario.when()).containsExactly("{\"type\":\"purchase\",\"at\":\"2025-03-03T10:00:00Z\","
                + "\"amount\":\"120.50\",\"member\":\"r1\",\"id\":\"when-1\"}");
    }
}
