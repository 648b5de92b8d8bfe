package org.loyaltyrules.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyaltyrules.core.event.Adjustment;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.PurchaseLine;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.jdbc.JdbcMemberStore;
import org.loyaltyrules.jdbc.LoyaltyService;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.RuleEvaluationException;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

class LoyaltyAutoConfigurationTest {

    static final Path RETAIL_BASIC = Path.of("../loyalty-examples/programs/retail-basic");
    static final String SALT = "loyalty-starter-test-salt";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LoyaltyAutoConfiguration.class));

    /** A copy of retail-basic (program.json, rules, scenarios) that a test may change. */
    static Path copyOfRetailBasic(Path dir) throws IOException {
        Path target = dir.resolve("retail-basic");
        FileSystemUtils.copyRecursively(RETAIL_BASIC, target);
        return target;
    }

    /** The starter on {@code program} with an H2 DataSource named {@code database} (kept until the JVM ends). */
    private ApplicationContextRunner withStore(Path program, String database) {
        return runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("loyalty.program-dir=" + program, "loyalty.store.pseudonym-salt=" + SALT,
                        "spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
    }

    static Purchase purchase(String id, String member, String at, String usd) {
        return Purchase.of(id, member, Instant.parse(at), Money.of(new BigDecimal(usd), Currency.getInstance("USD")));
    }

    @Test
    void a_program_folder_gives_an_engine_a_reloader_and_a_health_indicator_naming_it(@TempDir Path dir)
            throws IOException {
        Path program = copyOfRetailBasic(dir);
        runner.withPropertyValues("loyalty.program-dir=" + program).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(LoyaltyEngine.class).hasSingleBean(ProgramReloader.class)
                    .hasSingleBean(LoyaltyHealthIndicator.class).doesNotHaveBean(LoyaltyService.class);
            assertThat(context.getBean(LoyaltyEngine.class).program().version()).isEqualTo("2026.1");
            Health health = context.getBean(LoyaltyHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("program", "retail-basic").containsEntry("version", "2026.1")
                    .containsEntry("source", "dir:" + program.toAbsolutePath()).containsEntry("reloads", 0L)
                    .containsEntry("lastReloadFailed", false);
        });
    }

    @Test
    void a_program_on_the_classpath_is_found_there() {
        runner.withPropertyValues("loyalty.program-classpath=programs/classpath-demo").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(LoyaltyEngine.class).program().id()).isEqualTo("classpath-demo");
            assertThat(context.getBean(ProgramReloader.class).status().source())
                    .isEqualTo("classpath:programs/classpath-demo");
        });
    }

    @Test
    void without_a_program_the_application_does_not_start_and_says_which_setting_is_missing() {
        runner.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("set exactly one of loyalty.program-dir (a program folder) and "
                        + "loyalty.program-classpath"));
    }

    @Test
    void a_reload_interval_under_1ms_is_refused_only_while_reloading_is_enabled(@TempDir Path dir) throws IOException {
        Path program = copyOfRetailBasic(dir);
        runner.withPropertyValues("loyalty.program-dir=" + program, "loyalty.reload.interval=0s")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessage("loyalty.reload.interval must be positive, was PT0S"));
        runner.withPropertyValues("loyalty.program-dir=" + program, "loyalty.reload.interval=500us")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessage("loyalty.reload.interval must be at least 1ms, was PT0.0005S"));
        runner.withPropertyValues("loyalty.program-dir=" + program, "loyalty.reload.enabled=false",
                "loyalty.reload.interval=0s").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ProgramReloader.class).isRunning()).isFalse();
                });
    }

    @Test
    void a_misspelt_loyalty_setting_stops_the_start_naming_it_instead_of_leaving_the_default_in_force(
            @TempDir Path dir) throws IOException {
        Path program = copyOfRetailBasic(dir);
        // reload.enabled=false is how an operator freezes the program: misspelt, reloading stayed on unseen
        runner.withPropertyValues("loyalty.program-dir=" + program, "loyalty.relaod.enabled=false")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("loyalty.relaod.enabled"));
        runner.withPropertyValues("loyalty.program-dir=" + program, "loyalty.reload.intervall=500ms")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("loyalty.reload.intervall"));
        // relaxed forms of the settings still bind
        runner.withPropertyValues("loyalty.programDir=" + program, "loyalty.reload.enabled=false")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void a_program_dir_that_does_not_exist_or_is_a_file_is_refused_as_such(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("no-such-folder");
        Path file = Files.writeString(dir.resolve("program.json"), "{}");
        runner.withPropertyValues("loyalty.program-dir=" + missing).run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessage("loyalty.program-dir " + missing.toAbsolutePath()
                        + " does not exist"));
        runner.withPropertyValues("loyalty.program-dir=" + file).run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessage("loyalty.program-dir " + file.toAbsolutePath()
                        + " is a file, not a program folder: name the folder that holds program.json"));
    }

    @Test
    void a_folder_without_program_json_is_refused_by_name(@TempDir Path dir) {
        runner.withPropertyValues("loyalty.program-dir=" + dir).run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("loyalty.program-dir " + dir.toAbsolutePath()
                        + " holds no program.json"));
    }

    @Test
    void with_both_a_program_dir_and_a_program_classpath_the_application_does_not_start(@TempDir Path dir)
            throws IOException {
        Path program = copyOfRetailBasic(dir);
        // two programs named: the folder must not win silently over the packaged one
        runner.withPropertyValues("loyalty.program-dir=" + program, "loyalty.program-classpath=programs/classpath-demo")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("set exactly one of loyalty.program-dir (a program folder) and "
                                + "loyalty.program-classpath")
                        .hasMessageContaining("program-classpath=programs/classpath-demo"));
    }

    @Test
    void an_application_engine_bean_replaces_the_starters_and_the_reloader_uses_it(@TempDir Path dir)
            throws IOException {
        Path program = copyOfRetailBasic(dir);
        LoyaltyEngine own = LoyaltyEngine.create(Program.load(program));
        runner.withPropertyValues("loyalty.program-dir=" + program)
                .withBean("myEngine", LoyaltyEngine.class, () -> own).run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(LoyaltyEngine.class)
                            .hasSingleBean(ProgramReloader.class);
                    assertThat(context.getBean(LoyaltyEngine.class)).isSameAs(own);
                });
    }

    @Test
    void the_fire_limit_setting_reaches_the_engine(@TempDir Path dir) throws IOException {
        Path program = copyOfRetailBasic(dir);
        runner.withPropertyValues("loyalty.program-dir=" + program, "loyalty.fire-limit=0")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessage("fireLimit must be > 0, was 0"));
        // a purchase fires more than one rule of the earning group: a limit of 1 stops it as a loop would be stopped
        runner.withPropertyValues("loyalty.program-dir=" + program, "loyalty.fire-limit=1").run(context -> {
            assertThat(context).hasNotFailed();
            LoyaltyEngine engine = context.getBean(LoyaltyEngine.class);
            assertThatThrownBy(() -> engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "120.50")))
                    .isInstanceOf(RuleEvaluationException.class)
                    .hasMessageContaining("stopped at the fire limit of 1");
        });
    }

    @Test
    void with_migrate_false_the_starter_creates_no_table(@TempDir Path dir) throws IOException {
        withStore(copyOfRetailBasic(dir), "starter-no-migrate").withPropertyValues("loyalty.store.migrate=false")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(LoyaltyService.class);
                    try (Connection connection = context.getBean(DataSource.class).getConnection();
                         Statement statement = connection.createStatement();
                         ResultSet tables = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES "
                                 + "WHERE TABLE_SCHEMA = 'PUBLIC'")) {
                        tables.next();
                        assertThat(tables.getInt(1)).isZero();
                    }
                });
    }

    @Test
    void the_store_settings_reach_the_store_and_the_service(@TempDir Path dir) throws IOException {
        Path program = copyOfRetailBasic(dir);
        // values the store and the service refuse, so a setting that did not reach them would start
        withStore(program, "starter-cached-members").withPropertyValues("loyalty.store.cached-members=-1")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessage("cachedMembers must be >= 0, was -1"));
        withStore(program, "starter-max-attempts").withPropertyValues("loyalty.store.max-attempts=0")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessage("maxAttempts must be >= 1, was 0"));
    }

    @Test
    void with_a_data_source_events_are_stored_and_every_decision_is_metered(@TempDir Path dir) throws IOException {
        Path program = copyOfRetailBasic(dir);
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("loyalty.program-dir=" + program, "loyalty.store.pseudonym-salt=" + SALT,
                        "spring.datasource.url=jdbc:h2:mem:starter-metrics;DB_CLOSE_DELAY=-1")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(JdbcMemberStore.class)
                            .hasSingleBean(LoyaltyService.class).hasSingleBean(LoyaltyMetrics.class);
                    LoyaltyService service = context.getBean(LoyaltyService.class);

                    // $120.50 at 1 point per USD (FLOOR): 120 points; the same event again is a duplicate
                    Decision first = service.apply(purchase("p1", "m1", "2025-03-03T10:00:00Z", "120.50"));
                    Decision again = service.apply(purchase("p1", "m1", "2025-03-03T10:00:00Z", "120.50"));
                    // a credit by adjustment is not "issued": only EARN postings are
                    Decision credit = service.apply(Adjustment.of("a1", "m1", Instant.parse("2025-03-04T10:00:00Z"),
                            7, "goodwill"));

                    assertThat(first.outcome()).isEqualTo(Decision.Outcome.APPLIED);
                    assertThat(first.pointsAwarded()).isEqualTo(120);
                    assertThat(again.outcome()).isEqualTo(Decision.Outcome.DUPLICATE);
                    assertThat(credit.outcome()).isEqualTo(Decision.Outcome.APPLIED);
                    assertThat(credit.postings()).singleElement()
                            .satisfies(p -> assertThat(p.points()).isEqualTo(7));
                    assertThat(context.getBean(JdbcMemberStore.class).load("m1").orElseThrow().state()
                            .ledger().totals().earned()).isEqualTo(120);
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.get("loyalty.decisions").tags("outcome", "APPLIED", "type", "purchase")
                            .counter().count()).isEqualTo(1.0);
                    assertThat(meters.get("loyalty.decisions").tags("outcome", "APPLIED", "type", "adjustment")
                            .counter().count()).isEqualTo(1.0);
                    assertThat(meters.get("loyalty.decisions").tags("outcome", "DUPLICATE").counter().count())
                            .isEqualTo(1.0);
                    assertThat(meters.get("loyalty.points.issued").counter().count()).isEqualTo(120.0);
                    assertThat(meters.get("loyalty.evaluation").tag("outcome", "APPLIED").timer().count())
                            .isEqualTo(2);
                    assertThat(meters.get("loyalty.rule.firings")
                            .tag("rule", "Purchases earn base points at the program rate").counter().count())
                            .isEqualTo(1.0);
                    assertThat(meters.get("loyalty.program.reloads").functionCounter().count()).isZero();
                });
    }

    @Test
    void the_caps_hit_counter_of_each_cap_exists_at_zero_from_the_start_and_for_a_cap_a_reload_adds(@TempDir Path dir)
            throws IOException {
        Path program = copyOfRetailBasic(dir);
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("loyalty.program-dir=" + program, "loyalty.store.pseudonym-salt=" + SALT,
                        "spring.datasource.url=jdbc:h2:mem:starter-caps-hit;DB_CLOSE_DELAY=-1")
                .run(context -> {
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    LoyaltyService service = context.getBean(LoyaltyService.class);

                    // before any event: retail-basic's one cap, at 0
                    assertThat(meters.find("loyalty.caps.hit").counters()).singleElement().satisfies(c -> {
                        assertThat(c.getId().getTag("cap")).isEqualTo("daily-points");
                        assertThat(c.count()).isZero();
                    });

                    // $25,000 earns 25,000 points, trimmed to the daily cap of 20,000
                    Decision capped = service.apply(purchase("c1", "m1", "2025-03-03T10:00:00Z", "25000.00"));
                    assertThat(capped.capsApplied()).singleElement()
                            .satisfies(cap -> assertThat(cap.capId()).isEqualTo("daily-points"));
                    assertThat(meters.get("loyalty.caps.hit").tag("cap", "daily-points").counter().count())
                            .isEqualTo(1.0);

                    // a reload adding a cap: its counter exists from the next decision, before it is hit
                    Path json = program.resolve("program.json");
                    Files.writeString(json, Files.readString(json)
                            .replace("{\"id\": \"daily-points\", \"period\": \"DAY\", \"measure\": \"POINTS\", "
                                    + "\"limit\": 20000}", "{\"id\": \"daily-points\", \"period\": \"DAY\", "
                                    + "\"measure\": \"POINTS\", \"limit\": 20000},\n      {\"id\": \"monthly-points\", "
                                    + "\"period\": \"MONTH\", \"measure\": \"POINTS\", \"limit\": 22000}")
                            .replace("\"version\": \"2026.1\"", "\"version\": \"2026.2\""));
                    assertThat(context.getBean(ProgramReloader.class).check().lastReloadFailed()).isFalse();
                    assertThat(context.getBean(LoyaltyEngine.class).program().settings().caps()).hasSize(2);
                    service.apply(purchase("c2", "m2", "2025-03-03T11:00:00Z", "10.00"));
                    assertThat(meters.get("loyalty.caps.hit").tag("cap", "monthly-points").counter().count())
                            .isZero();
                    assertThat(meters.get("loyalty.caps.hit").tag("cap", "daily-points").counter().count())
                            .isEqualTo(1.0);

                    // a new member's $25,000 goes over both caps; the daily one trims it to 20,000, within the
                    // monthly 22,000, which withholds nothing: a hit of the daily cap only
                    Decision both = service.apply(purchase("c3", "m3", "2025-03-04T10:00:00Z", "25000.00"));
                    assertThat(both.capsApplied()).extracting("capId", "withheld")
                            .containsExactlyInAnyOrder(tuple("daily-points", 5_000L), tuple("monthly-points", 0L));
                    assertThat(meters.get("loyalty.caps.hit").tag("cap", "daily-points").counter().count())
                            .isEqualTo(2.0);
                    assertThat(meters.get("loyalty.caps.hit").tag("cap", "monthly-points").counter().count())
                            .isZero();
                });
    }

    @Test
    void the_reload_counters_count_reloads_and_refused_reloads_apart(@TempDir Path dir) throws IOException {
        Path program = copyOfRetailBasic(dir);
        withStore(program, "starter-reload-counters").withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> {
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    ProgramReloader reloader = context.getBean(ProgramReloader.class);
                    Path broken = program.resolve("rules/earning/broken.drl");
                    Files.writeString(broken,
                            "package org.loyaltyrules.rules.earning;\nrule \"x\" when then nonsense(;\n");

                    // a refused reload: a failure, no reload
                    assertThat(reloader.check().lastReloadFailed()).isTrue();
                    assertThat(meters.get("loyalty.program.reload.failures").functionCounter().count()).isEqualTo(1.0);
                    assertThat(meters.get("loyalty.program.reloads").functionCounter().count()).isZero();

                    // fixed under a new version: a reload, and the failure still counted
                    Files.delete(broken);
                    Path json = program.resolve("program.json");
                    Files.writeString(json, Files.readString(json)
                            .replace("\"version\": \"2026.1\"", "\"version\": \"2026.2\""));
                    assertThat(reloader.check().lastReloadFailed()).isFalse();
                    assertThat(meters.get("loyalty.program.reloads").functionCounter().count()).isEqualTo(1.0);
                    assertThat(meters.get("loyalty.program.reload.failures").functionCounter().count()).isEqualTo(1.0);
                });
    }

    @Test
    void a_rule_explaining_two_lines_of_one_decision_counts_one_firing() {
        Path chinaMobile = Path.of("../loyalty-examples/programs/china-mobile");
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("loyalty.program-dir=" + chinaMobile, "loyalty.store.pseudonym-salt=" + SALT,
                        "spring.datasource.url=jdbc:h2:mem:starter-rule-firings;DB_CLOSE_DELAY=-1")
                .run(context -> {
                    Currency cny = Currency.getInstance("CNY");
                    Purchase bill = Purchase.of("b1", "m1", Instant.parse("2025-03-31T02:00:00Z"),
                            Money.of(new BigDecimal("677.30"), cny)).withLines(List.of(
                                    PurchaseLine.of("BILL", "bill", 1, Money.of(new BigDecimal("57.30"), cny)),
                                    PurchaseLine.of("PHONE", "handset", 1, Money.of(new BigDecimal("600.00"), cny)),
                                    PurchaseLine.of("CASE", "accessory", 1, Money.of(new BigDecimal("20.00"), cny))));

                    Decision d = context.getBean(LoyaltyService.class).apply(bill);

                    // only the bill earns: CNY 57.30 at 1.0, rounded up, 58; the handset and the case are each
                    // explained by the same rule
                    assertThat(d.pointsAwarded()).isEqualTo(58);
                    String linesRule = "Lines other than the monthly bill earn nothing";
                    assertThat(d.explanations()).filteredOn(e -> e.rule().equals(linesRule)).hasSize(2);
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.get("loyalty.rule.firings").tag("rule", linesRule).counter().count())
                            .as("once per decision, not per explanation").isEqualTo(1.0);
                    assertThat(meters.get("loyalty.rule.firings")
                            .tag("rule", "Purchases earn base points at the program rate").counter().count())
                            .isEqualTo(1.0);
                });
    }

    @Test
    void a_failed_event_is_counted_with_outcome_failed(@TempDir Path dir) throws IOException {
        withStore(copyOfRetailBasic(dir), "starter-failed-metric")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
                    // the caller of apply tells the metrics of an event apply threw on
                    context.getBean(LoyaltyMetrics.class).failed(purchase("p1", "m1", "2025-03-03T10:00:00Z", "10.00"));

                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.get("loyalty.decisions").tags("outcome", "FAILED", "type", "purchase").counter()
                            .count()).isEqualTo(1.0);
                    assertThat(meters.find("loyalty.decisions").tag("outcome", "REFUSED").counter())
                            .as("a failure is not a business refusal").isNull();
                });
    }

    /** An application with two services, neither {@code @Primary}: one for web requests, one for a batch job. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class TwoServices {

        @org.springframework.context.annotation.Bean
        LoyaltyService web(LoyaltyEngine engine, JdbcMemberStore store) {
            return LoyaltyService.create(engine, store);
        }

        @org.springframework.context.annotation.Bean
        LoyaltyService batch(LoyaltyService web) {
            return web.withMaxAttempts(3);
        }
    }

    /** Two listeners of the application's own, one of them {@code @Primary}, each writing down what it hears. */
    static class OwnListeners {

        final List<String> heard = new CopyOnWriteArrayList<>();

        @org.springframework.context.annotation.Bean
        LoyaltyService.Listener audit() {
            return (event, decision, nanos) -> heard.add("audit " + event.id() + " " + decision.outcome());
        }

        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        LoyaltyService.Listener bus() {
            return (event, decision, nanos) -> heard.add("bus " + event.id() + " " + decision.outcome());
        }
    }

    @Test
    void the_applications_own_listener_beans_hear_every_decision_beside_the_metrics(@TempDir Path dir)
            throws IOException {
        withStore(copyOfRetailBasic(dir), "starter-own-listeners")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withUserConfiguration(OwnListeners.class)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(LoyaltyMetrics.class);

                    context.getBean(LoyaltyService.class).apply(purchase("p1", "m1", "2025-03-03T10:00:00Z", "42.00"));

                    assertThat(context.getBean(OwnListeners.class).heard)
                            .containsExactlyInAnyOrder("audit p1 APPLIED", "bus p1 APPLIED");
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.get("loyalty.points.issued").counter().count()).isEqualTo(42.0);
                    assertThat(meters.get("loyalty.decisions").tags("outcome", "APPLIED", "type", "purchase")
                            .counter().count()).isEqualTo(1.0);
                });
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void an_apply_inside_a_spring_transaction_is_warned_about_once_since_the_service_does_not_join_it(
            @TempDir Path dir, CapturedOutput output) throws IOException {
        String warning = "LoyaltyService.apply was called on a thread bound to a Spring transaction";
        withStore(copyOfRetailBasic(dir), "starter-in-transaction").run(context -> {
            LoyaltyService service = context.getBean(LoyaltyService.class);
            service.apply(purchase("p0", "m1", "2025-03-03T10:00:00Z", "10.00")); // after the shop's commit: fine
            assertThat(output.getAll()).doesNotContain(warning);

            TransactionTemplate shop = new TransactionTemplate(
                    new DataSourceTransactionManager(context.getBean(DataSource.class)));
            shop.executeWithoutResult(tx -> {
                service.apply(purchase("p1", "m1", "2025-03-03T10:01:00Z", "10.00"));
                service.apply(purchase("p2", "m1", "2025-03-03T10:02:00Z", "10.00"));
            });

            assertThat(output.getAll().split(warning, -1)).hasSize(2);
            assertThat(output.getAll()).contains(warning + " (event p1 of member m1), perhaps in its after-commit"
                    + " callback: it commits on a connection of its own, so a rollback does not undo the event");
        });
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void an_apply_under_propagation_supports_without_a_transaction_is_not_warned_about(@TempDir Path dir,
            CapturedOutput output) throws IOException {
        String warning = "LoyaltyService.apply was called on a thread bound to a Spring transaction";
        withStore(copyOfRetailBasic(dir), "starter-supports").run(context -> {
            LoyaltyService service = context.getBean(LoyaltyService.class);
            DataSourceTransactionManager manager = new DataSourceTransactionManager(context.getBean(DataSource.class));
            // SUPPORTS with no outer transaction: synchronization is active, but no transaction to roll back
            TransactionTemplate supports = new TransactionTemplate(manager);
            supports.setPropagationBehavior(TransactionDefinition.PROPAGATION_SUPPORTS);

            supports.executeWithoutResult(tx -> service.apply(purchase("p1", "m1", "2025-03-03T10:01:00Z", "10.00")));

            assertThat(output.getAll()).doesNotContain(warning);
            // nor is the one warning used up: an actual transaction is still warned about
            new TransactionTemplate(manager).executeWithoutResult(
                    tx -> service.apply(purchase("p2", "m1", "2025-03-03T10:02:00Z", "10.00")));
            assertThat(output.getAll()).contains(warning + " (event p2 of member m1)");
        });
    }

    @Test
    void a_listener_that_throws_does_not_keep_the_others_from_hearing_and_its_exception_reaches_the_caller() {
        List<String> heard = new ArrayList<>();
        IllegalStateException busDown = new IllegalStateException("bus down");
        LoyaltyService.Listener all = LoyaltyAutoConfiguration.Jdbc.everyOne(List.of(
                (event, decision, nanos) -> {
                    throw busDown;
                },
                (event, decision, nanos) -> heard.add("metrics " + event.id())));

        assertThatThrownBy(() -> all.decided(purchase("p1", "m1", "2025-03-03T10:00:00Z", "42.00"), null, 1))
                .isSameAs(busDown);
        assertThat(heard).containsExactly("metrics p1");
    }

    @Test
    void with_two_services_the_reloader_refuses_a_ladder_without_a_stored_tier_until_the_members_are_migrated(
            @TempDir Path dir) throws IOException {
        Path program = copyOfRetailBasic(dir);
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withUserConfiguration(TwoServices.class)
                .withPropertyValues("loyalty.program-dir=" + program, "loyalty.store.pseudonym-salt=" + SALT,
                        "spring.datasource.url=jdbc:h2:mem:starter-two-services;DB_CLOSE_DELAY=-1")
                .run(context -> {
                    assertThat(context.getBeansOfType(LoyaltyService.class)).hasSize(2);
                    // m1's $5,000 reaches platinum; then platinum is renamed diamond in the folder
                    context.getBean("batch", LoyaltyService.class)
                            .apply(purchase("p1", "m1", "2025-03-03T10:00:00Z", "5000.00"));
                    Path json = program.resolve("program.json");
                    Files.writeString(json, Files.readString(json).replace("\"platinum\"", "\"diamond\"")
                            .replace("\"version\": \"2026.1\"", "\"version\": \"2026.2\""));

                    ProgramReloader.Status status = context.getBean(ProgramReloader.class).check();

                    assertThat(status.problems()).singleElement().satisfies(p -> assertThat(p.message())
                            .startsWith("stored members hold tiers that program retail-basic 2026.2 does not have: "
                                    + "'platinum' (1 as their tier)"));
                    assertThat(context.getBean(LoyaltyEngine.class).program().version()).isEqualTo("2026.1");

                    // the members migrated, the same files are put in service by the next explicit check
                    try (Connection c = context.getBean(DataSource.class).getConnection();
                         Statement st = c.createStatement()) {
                        st.executeUpdate("UPDATE members SET tier_id = 'diamond', version = version + 1 "
                                + "WHERE tier_id = 'platinum'");
                    }
                    ProgramReloader.Status after = context.getBean(ProgramReloader.class).check();
                    assertThat(after.problems()).isEmpty();
                    assertThat(after.programVersion()).isEqualTo("2026.2");
                    assertThat(context.getBean("web", LoyaltyService.class)
                            .apply(purchase("p2", "m1", "2025-03-04T10:00:00Z", "10.00")).programVersion())
                            .isEqualTo("2026.2");
                });
    }

    @Test
    void a_restart_with_a_ladder_without_a_stored_tier_stops_the_start_as_a_reload_is_refused(@TempDir Path dir)
            throws IOException {
        Path program = copyOfRetailBasic(dir);
        ApplicationContextRunner withStore = withStore(program, "starter-restart-tiers");
        // m1's $5,000 reaches platinum
        withStore.run(context -> context.getBean(LoyaltyService.class)
                .apply(purchase("p1", "m1", "2025-03-03T10:00:00Z", "5000.00")));
        // while the application is down, platinum is renamed diamond in the folder
        Path json = program.resolve("program.json");
        Files.writeString(json, Files.readString(json).replace("\"platinum\"", "\"diamond\"")
                .replace("\"version\": \"2026.1\"", "\"version\": \"2026.2\""));

        withStore.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("stored members hold tiers that program retail-basic 2026.2 does not have: "
                        + "'platinum' (1 as their tier); its tiers are [member, silver, gold, diamond]. Migrate"));
    }

    @Test
    void with_a_data_source_a_program_whose_tier_id_the_store_cannot_hold_is_not_reloaded(@TempDir Path dir)
            throws IOException {
        Path program = copyOfRetailBasic(dir);
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("loyalty.program-dir=" + program, "loyalty.store.pseudonym-salt=" + SALT,
                        "spring.datasource.url=jdbc:h2:mem:starter-long-ids;DB_CLOSE_DELAY=-1")
                .run(context -> {
                    String longId = "p".repeat(101);
                    Path json = program.resolve("program.json");
                    Files.writeString(json, Files.readString(json).replace("\"platinum\"", "\"" + longId + "\"")
                            .replace("\"version\": \"2026.1\"", "\"version\": \"2026.2\""));

                    ProgramReloader.Status status = context.getBean(ProgramReloader.class).check();

                    assertThat(status.lastReloadFailed()).isTrue();
                    assertThat(status.problems()).singleElement().satisfies(p -> assertThat(p.message())
                            .isEqualTo("program retail-basic 2026.2 defines ids the store cannot hold: tier id '"
                                    + longId + "' must have at most 100 characters to be stored, had 101"));
                    assertThat(context.getBean(LoyaltyEngine.class).program().version()).isEqualTo("2026.1");
                });
    }

    @Test
    void a_data_source_without_a_pseudonym_salt_is_refused_with_the_setting_named(@TempDir Path dir)
            throws IOException {
        Path program = copyOfRetailBasic(dir);
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("loyalty.program-dir=" + program,
                        "spring.datasource.url=jdbc:h2:mem:starter-nosalt;DB_CLOSE_DELAY=-1")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("set loyalty.store.pseudonym-salt"));
    }

    @Test
    void an_empty_or_short_pseudonym_salt_is_refused_with_its_length(@TempDir Path dir) throws IOException {
        Path program = copyOfRetailBasic(dir);
        ApplicationContextRunner withDataSource = runner
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("loyalty.program-dir=" + program,
                        "spring.datasource.url=jdbc:h2:mem:starter-shortsalt;DB_CLOSE_DELAY=-1");
        withDataSource.withPropertyValues("loyalty.store.pseudonym-salt=").run(context -> assertThat(context)
                .hasFailed().getFailure().rootCause()
                .hasMessage("pseudonym salt must have at least 16 characters, had 0"));
        withDataSource.withPropertyValues("loyalty.store.pseudonym-salt=short").run(context -> assertThat(context)
                .hasFailed().getFailure().rootCause()
                .hasMessage("pseudonym salt must have at least 16 characters, had 5"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"${LOYALTY_PSEUDONYM_SALT}", "shop-${LOYALTY_PSEUDONYM_SALT}"})
    void a_pseudonym_salt_holding_an_unresolved_placeholder_is_refused_naming_the_variable(String salt,
                                                                                        @TempDir Path dir)
            throws IOException {
        // given: the guide's line with LOYALTY_PSEUDONYM_SALT unset: Spring Boot binds the placeholder as its text;
        // after a prefix that text is long enough to pass the length check, and the same public salt everywhere
        Path program = copyOfRetailBasic(dir);

        // when, then
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withInitializer(context -> context.getEnvironment().getPropertySources()
                        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME))
                .withPropertyValues("loyalty.program-dir=" + program, "loyalty.store.pseudonym-salt=" + salt,
                        "spring.datasource.url=jdbc:h2:mem:starter-placeholder-salt-" + salt.length()
                                + ";DB_CLOSE_DELAY=-1")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isExactlyInstanceOf(IllegalStateException.class)
                        .hasMessage("loyalty.store.pseudonym-salt is the unresolved placeholder "
                                + "${LOYALTY_PSEUDONYM_SALT}: the environment variable LOYALTY_PSEUDONYM_SALT is "
                                + "not set (nor a property of that name); set it to a secret of at least 16 "
                                + "characters, kept stable: erasure derives pseudonyms from it"));
    }

    /** The application's own {@code members} table in the database {@code url} names (Spring Boot's user "sa"). */
    private static void applicationMembersTable(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE members (id BIGINT PRIMARY KEY, email VARCHAR(200))");
        }
    }

    @Test
    void an_application_members_table_stops_the_start_naming_it_and_a_store_bean_on_a_schema_of_its_own_keeps_both(
            @TempDir Path dir) throws Exception {
        // given: the application's DataSource already holds its own members table
        Path program = copyOfRetailBasic(dir);
        String url = "jdbc:h2:mem:starter-own-schema;DB_CLOSE_DELAY=-1";
        applicationMembersTable(url);
        ApplicationContextRunner application = runner
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("loyalty.program-dir=" + program, "loyalty.store.pseudonym-salt=" + SALT,
                        "spring.datasource.url=" + url);

        // when, then: the starter's store on that DataSource refuses to migrate, naming the table
        application.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot create the loyalty store's tables in schema PUBLIC: it already "
                        + "holds table MEMBERS, not the store's"));
        // when, then: the application's own store bean, on a pool for a schema of the store's, replaces it
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(url + ";INIT=CREATE SCHEMA IF NOT EXISTS LOYALTY\\;SET SCHEMA LOYALTY");
            pool.setUsername("sa");
            application.withBean(JdbcMemberStore.class, () -> {
                JdbcMemberStore.migrate(pool);
                return JdbcMemberStore.create(pool, SALT);
            }).run(context -> {
                assertThat(context).hasNotFailed().hasSingleBean(JdbcMemberStore.class)
                        .hasSingleBean(LoyaltyService.class);
                LoyaltyService service = context.getBean(LoyaltyService.class);
                assertThat(service.store()).isSameAs(context.getBean(JdbcMemberStore.class));
                Decision first = service.apply(purchase("p1", "m1", "2025-03-03T10:00:00Z", "120.50"));
                assertThat(first.outcome()).isEqualTo(Decision.Outcome.APPLIED);
                try (Connection c = context.getBean(DataSource.class).getConnection();
                     ResultSet rs = c.createStatement().executeQuery(
                             "SELECT (SELECT COUNT(*) FROM PUBLIC.members), (SELECT COUNT(*) FROM LOYALTY.members)")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                    assertThat(rs.getLong(2)).isEqualTo(1L);
                }
            });
        }
    }
}
