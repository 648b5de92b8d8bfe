package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ServiceLoader;
import org.flywaydb.core.extensibility.Plugin;
import org.junit.jupiter.api.Test;

/**
 * {@code --store} takes H2 and PostgreSQL URLs, so the CLI ships both drivers and Flyway's PostgreSQL module, which
 * loyalty-jdbc brings only for H2 (PostgreSQL's are optional there: docs/embedding.md section 2, "Drivers").
 */
class StoreDriversTest {

    @Test
    void the_cli_ships_the_h2_and_postgresql_drivers_and_flyway_postgresql_support() throws SQLException {
        // when
        String h2 = DriverManager.getDriver("jdbc:h2:mem:drivers").getClass().getName();
        String postgresql = DriverManager.getDriver("jdbc:postgresql://localhost/loyalty").getClass().getName();
        var flywayPlugins = ServiceLoader.load(Plugin.class).stream().map(p -> p.type().getName()).toList();

        // then
        assertThat(h2).isEqualTo("org.h2.Driver");
        assertThat(postgresql).isEqualTo("org.postgresql.Driver");
        assertThat(flywayPlugins).contains("org.flywaydb.database.postgresql.PostgreSQLDatabaseType");
    }
}
