package org.loyaltyrules.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.jdbc.JdbcMemberStore;
import org.loyaltyrules.jdbc.LoyaltyService;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.program.ProgramException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.FileSystemUtils;

/** The {@code .properties} snippet of docs/embedding.md §3 works when copied: Spring reads it as the guide means. */
class EmbeddingGuidePropertiesTest {

    private static final Path GUIDE = Path.of("../docs/embedding.md");
    private static final String SALT = "salt-from-the-environment-0123";

    /** The first {@code properties} block of the guide's Spring Boot section, as Spring Boot loads a file. */
    private static PropertySource<?> snippet() throws IOException {
        String guide = Files.readString(GUIDE);
        int section = guide.indexOf("## 3. Spring Boot");
        int start = guide.indexOf("```properties\n", section) + "```properties\n".length();
        String text = guide.substring(start, guide.indexOf("```", start));
        List<PropertySource<?>> loaded = new PropertiesPropertySourceLoader().load("docs/embedding.md §3",
                new ByteArrayResource(text.getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(loaded).hasSize(1);
        return loaded.get(0);
    }

    @Test
    void the_spring_properties_snippet_of_the_guide_binds_each_setting_without_its_comment() throws IOException {
        // given
        PropertySource<?> snippet = snippet();
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(snippet);
        sources.addLast(new MapPropertySource("environment", Map.of("LOYALTY_PSEUDONYM_SALT", SALT)));

        // when
        LoyaltyProperties bound = new Binder(ConfigurationPropertySources.from(sources),
                new PropertySourcesPlaceholdersResolver(sources)).bind("loyalty", LoyaltyProperties.class).get();

        // then
        assertThat(((EnumerablePropertySource<?>) snippet).getPropertyNames()).containsExactlyInAnyOrder(
                "loyalty.program-dir", "loyalty.reload.interval", "loyalty.store.pseudonym-salt");
        assertThat(bound.getProgramDir()).isEqualTo(Path.of("/etc/loyalty/retail-basic"));
        assertThat(bound.getReload().getInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(bound.getStore().getPseudonymSalt()).isEqualTo(SALT);
    }

    @Test
    void the_starter_starts_on_the_spring_properties_snippet_of_the_guide(@TempDir Path dir) throws IOException {
        // given: the snippet as a file the application reads; only the folder is moved to a copy of retail-basic
        PropertySource<?> snippet = snippet();
        Path program = LoyaltyAutoConfigurationTest.copyOfRetailBasic(dir);

        // when, then
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        LoyaltyAutoConfiguration.class))
                .withInitializer(context -> context.getEnvironment().getPropertySources().addLast(snippet))
                .withPropertyValues("loyalty.program-dir=" + program, "LOYALTY_PSEUDONYM_SALT=" + SALT,
                        "spring.datasource.url=jdbc:h2:mem:starter-guide-snippet;DB_CLOSE_DELAY=-1")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(LoyaltyEngine.class)
                            .hasSingleBean(JdbcMemberStore.class).hasSingleBean(LoyaltyService.class);
                    LoyaltyProperties properties = context.getBean(LoyaltyProperties.class);
                    assertThat(properties.getReload().getInterval()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.getStore().getPseudonymSalt()).isEqualTo(SALT);
                    assertThat(context.getBean(LoyaltyEngine.class).program().id()).isEqualTo("retail-basic");
                });
    }

    @Test
    void the_spring_properties_snippet_of_the_guide_without_its_environment_variable_stops_the_start(@TempDir Path dir)
            throws IOException {
        // given: the snippet as it stands, LOYALTY_PSEUDONYM_SALT set nowhere (not even in this machine's environment)
        PropertySource<?> snippet = snippet();
        Path program = LoyaltyAutoConfigurationTest.copyOfRetailBasic(dir);

        // when, then: not the text "${LOYALTY_PSEUDONYM_SALT}" as a salt every such deployment would share
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        LoyaltyAutoConfiguration.class))
                .withInitializer(context -> {
                    MutablePropertySources sources = context.getEnvironment().getPropertySources();
                    sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
                    sources.addLast(snippet);
                })
                .withPropertyValues("loyalty.program-dir=" + program,
                        "spring.datasource.url=jdbc:h2:mem:starter-guide-snippet-unset;DB_CLOSE_DELAY=-1")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessage("loyalty.store.pseudonym-salt is the unresolved placeholder "
                                + "${LOYALTY_PSEUDONYM_SALT}: the environment variable LOYALTY_PSEUDONYM_SALT is "
                                + "not set (nor a property of that name); set it to a secret of at least 16 "
                                + "characters, kept stable: erasure derives pseudonyms from it"));
        // the guide quotes the message (its lines wrapped)
        assertThat(Files.readString(GUIDE).replaceAll("\\s+", " ")).contains("`loyalty.store.pseudonym-salt is the "
                + "unresolved placeholder "
                + "${LOYALTY_PSEUDONYM_SALT}: the environment variable LOYALTY_PSEUDONYM_SALT is not set (nor a "
                + "property of that name); ...`");
    }

    @Test
    void the_program_classpath_of_the_guide_loads_a_reference_program_copied_under_the_application_resources()
            throws Exception {
        // given: nothing of retail-basic is on the classpath until the application copies it in
        assertThat(Files.readString(GUIDE)).contains("# the program folder on disk; or loyalty.program-classpath="
                + "programs/retail-basic for a copy in src/main/resources/programs/retail-basic");
        ApplicationContextRunner application = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LoyaltyAutoConfiguration.class))
                .withPropertyValues("loyalty.program-classpath=programs/retail-basic");
        application.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .isExactlyInstanceOf(ProgramException.class)
                .hasMessage("cannot load program classpath:programs/retail-basic:\n"
                        + "  classpath:programs/retail-basic/program.json: resource not found"));
        // the copy the guide names, program.json and rules/, where the build puts src/main/resources: a classpath root
        Path resources = Path.of(EmbeddingGuidePropertiesTest.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        Path copy = resources.resolve("programs/retail-basic");
        Files.createDirectories(copy);
        Files.copy(LoyaltyAutoConfigurationTest.RETAIL_BASIC.resolve("program.json"), copy.resolve("program.json"));
        FileSystemUtils.copyRecursively(LoyaltyAutoConfigurationTest.RETAIL_BASIC.resolve("rules"),
                copy.resolve("rules"));
        try {
            // when, then
            application.run(context -> {
                assertThat(context).hasNotFailed();
                Program program = context.getBean(LoyaltyEngine.class).program();
                assertThat(program.id()).isEqualTo("retail-basic");
                assertThat(program.version()).isEqualTo("2026.1");
                assertThat(program.ownRuleFiles()).isEqualTo(Map.of("earning/retention-bonus.drl", false,
                        "benefit/apology-voucher.drl", false, "benefit/top-value-extra-delivery.drl", false));
                assertThat(context.getBean(ProgramReloader.class).status().source())
                        .isEqualTo("classpath:programs/retail-basic");
                assertThat(context.getBean(ProgramReloader.class).isRunning()).isFalse();
            });
        } finally {
            FileSystemUtils.deleteRecursively(resources.resolve("programs/retail-basic"));
        }
    }
}
