package org.loyaltyrules.spring;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.loyaltyrules.jdbc.JdbcMemberStore;
import org.loyaltyrules.jdbc.LoyaltyService;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * Wires loyalty-rules into a Spring Boot application:
 * <ul>
 *   <li>a {@link LoyaltyEngine} for {@code loyalty.program-dir} or {@code loyalty.program-classpath};</li>
 *   <li>a {@link ProgramReloader} that reloads {@code loyalty.program-dir} when its files change
 *       ({@code loyalty.reload.enabled}, {@code loyalty.reload.interval});</li>
 *   <li>with a {@link DataSource}: a {@link JdbcMemberStore} (schema migrated at start-up unless
 *       {@code loyalty.store.migrate=false}) and a {@link LoyaltyService};</li>
 *   <li>with Micrometer: {@link LoyaltyMetrics} on every decision of the service; with Actuator: the
 *       {@code loyalty} health indicator.</li>
 * </ul>
 * Every bean backs off when the application defines its own.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
    "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"})
@EnableConfigurationProperties(LoyaltyProperties.class)
public class LoyaltyAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public LoyaltyEngine loyaltyEngine(LoyaltyProperties properties) {
        return LoyaltyEngine.create(program(properties), properties.getFireLimit());
    }

    @Bean
    @ConditionalOnMissingBean
    public ProgramReloader loyaltyProgramReloader(LoyaltyEngine engine, LoyaltyProperties properties,
                                                  ObjectProvider<LoyaltyService> service,
                                                  ObjectProvider<JdbcMemberStore> store) {
        Path dir = properties.getProgramDir();
        String source = dir != null ? "dir:" + dir.toAbsolutePath() : "classpath:" + properties.getProgramClasspath();
        boolean watch = dir != null && properties.getReload().isEnabled();
        // with the store, the service swaps: a program whose ids the store's columns cannot hold is refused, and so
        // is one whose ladder lacks a tier stored members hold (every event of theirs would be refused), checked
        // with the service's applies paused, so that none stores a tier of the old program after the check
        return new ProgramReloader(engine, source, watch ? dir : null, properties.getReload().getInterval(),
                Clock.systemUTC(), program -> {
                    // any service of this engine: they share its swap lock (two beans, neither @Primary, included)
                    LoyaltyService s = service.orderedStream().filter(candidate -> candidate.engine() == engine)
                            .findFirst().orElse(null);
                    if (s != null) {
                        s.reload(program);
                        return;
                    }
                    // a store without the starter's service (the application applies events its own way): the same
                    // checks just before the swap, without pausing that application's writes
                    engine.reload(program, (compiled, swap) -> {
                        store.ifUnique(st -> {
                            st.requireHolds(compiled);
                            st.requireStoredTiersIn(compiled);
                        });
                        swap.run();
                    });
                });
    }

    static Program program(LoyaltyProperties properties) {
        Path dir = properties.getProgramDir();
        String classpath = properties.getProgramClasspath();
        if ((dir == null) == (classpath == null || classpath.isBlank())) {
            throw new IllegalStateException("set exactly one of loyalty.program-dir (a program folder) and "
                    + "loyalty.program-classpath (a program packaged in the application); was program-dir=" + dir
                    + ", program-classpath=" + classpath);
        }
        if (dir != null) {
            if (!Files.exists(dir)) {
                throw new IllegalStateException("loyalty.program-dir " + dir.toAbsolutePath() + " does not exist");
            }
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("loyalty.program-dir " + dir.toAbsolutePath() + " is a file, not a "
                        + "program folder: name the folder that holds program.json");
            }
            if (!Files.isRegularFile(dir.resolve("program.json"))) {
                throw new IllegalStateException("loyalty.program-dir " + dir.toAbsolutePath()
                        + " holds no program.json");
            }
            return Program.load(dir);
        }
        return Program.fromClasspath(classpath);
    }

    private static final String SPRING_TRANSACTIONS =
            "org.springframework.transaction.support.TransactionSynchronizationManager";

    /** The JDBC store and the transactional service, when the application has a DataSource. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(DataSource.class)
    static class Jdbc {

        /**
         * The store on the application's DataSource. When the application runs its own Flyway (Spring Boot's
         * {@code FlywayMigrationInitializer}), that runs first, so that it meets the schema it expects; ours then
         * baselines the non-empty schema and keeps its own history table ({@code loyalty_schema_history}).
         */
        @Bean
        @ConditionalOnMissingBean
        JdbcMemberStore loyaltyMemberStore(DataSource dataSource, LoyaltyProperties properties,
                                           ObjectProvider<FlywayMigrationInitializer> applicationFlyway) {
            applicationFlyway.ifAvailable(initializer -> { }); // created = the application's migrations ran
            LoyaltyProperties.Store store = properties.getStore();
            requireResolvedSalt(store.getPseudonymSalt());
            if (store.isMigrate()) {
                JdbcMemberStore.migrate(dataSource);
            }
            return JdbcMemberStore.create(dataSource, store.getPseudonymSalt(), store.getCachedMembers());
        }

        /**
         * Refuses a missing salt, and one that is still a placeholder: Spring Boot binds {@code ${NAME}} as that text
         * when nothing resolves it, so the guide's {@code loyalty.store.pseudonym-salt=${LOYALTY_PSEUDONYM_SALT}}
         * with the variable unset would otherwise give every such deployment the same public salt. The length is
         * {@link JdbcMemberStore#create(DataSource, String, int)}'s check.
         */
        static void requireResolvedSalt(String salt) {
            if (salt == null) {
                throw new IllegalStateException("set loyalty.store.pseudonym-salt (at least 16 characters, kept "
                        + "secret and stable): erasure derives pseudonyms from it");
            }
            int placeholder = salt.indexOf("${");
            if (placeholder >= 0) {
                int end = placeholder + 2;
                while (end < salt.length() && salt.charAt(end) != ':' && salt.charAt(end) != '}') {
                    end++;
                }
                String name = salt.substring(placeholder + 2, end);
                throw new IllegalStateException("loyalty.store.pseudonym-salt is the unresolved placeholder ${"
                        + name + "}: the environment variable " + name + " is not set (nor a property of that "
                        + "name); set it to a secret of at least 16 characters, kept stable: erasure derives "
                        + "pseudonyms from it");
            }
        }

        /**
         * The service, telling every {@link LoyaltyService.Listener} bean of each decision (the metrics and the
         * application's own, in their order), not one of them: the application's listener beside the metrics would
         * otherwise stop the start-up (two candidates), or, as {@code @Primary}, switch the metrics off. With
         * spring-tx, also a {@link TransactionWarning}: a call inside a Spring transaction, which the service does not
         * join, is logged once.
         */
        @Bean
        @ConditionalOnMissingBean
        LoyaltyService loyaltyService(LoyaltyEngine engine, JdbcMemberStore store, LoyaltyProperties properties,
                                      ObjectProvider<LoyaltyService.Listener> listeners) {
            LoyaltyService service = LoyaltyService.create(engine, store)
                    .withMaxAttempts(properties.getStore().getMaxAttempts());
            List<LoyaltyService.Listener> all = new ArrayList<>(listeners.orderedStream().toList());
            if (ClassUtils.isPresent(SPRING_TRANSACTIONS, LoyaltyAutoConfiguration.class.getClassLoader())) {
                all.add(new TransactionWarning());
            }
            return all.isEmpty() ? service : service.withListener(everyOne(all));
        }

        /**
         * One listener telling each of {@code listeners} in turn; one that throws does not keep the others from
         * hearing, and the first exception reaches the caller of apply (the event stays applied).
         */
        static LoyaltyService.Listener everyOne(List<LoyaltyService.Listener> listeners) {
            return (event, decision, nanos) -> {
                RuntimeException first = null;
                for (LoyaltyService.Listener l : listeners) {
                    try {
                        l.decided(event, decision, nanos);
                    } catch (RuntimeException e) {
                        if (first == null) {
                            first = e;
                        } else {
                            first.addSuppressed(e);
                        }
                    }
                }
                if (first != null) {
                    throw first;
                }
            };
        }
    }

    /** Micrometer meters, when Micrometer is on the classpath and the application has a registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Metrics {

        @Bean
        @ConditionalOnBean(MeterRegistry.class)
        @ConditionalOnMissingBean
        LoyaltyMetrics loyaltyMetrics(MeterRegistry registry, ProgramReloader reloader, LoyaltyEngine engine) {
            return new LoyaltyMetrics(registry, reloader, engine);
        }
    }

    /** The {@code loyalty} health indicator, when Actuator is on the classpath. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class Health {

        @Bean
        @ConditionalOnMissingBean(name = "loyaltyHealthIndicator")
        LoyaltyHealthIndicator loyaltyHealthIndicator(ProgramReloader reloader) {
            return new LoyaltyHealthIndicator(reloader);
        }
    }
}
