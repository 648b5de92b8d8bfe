package org.loyaltyrules.examples.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.loyaltyrules.jdbc.JdbcMemberStore;
import picocli.CommandLine.Option;

/**
 * {@code --store jdbc:...}: a JDBC member store (H2 or PostgreSQL) that a command reads and writes. The user and
 * password come from {@code --store-user}/{@code --store-password} or the environment variables
 * {@code LOYALTY_STORE_USER}/{@code LOYALTY_STORE_PASSWORD}, so a password need not appear in the shell history.
 */
final class StoreOptions {

    @Option(names = "--store-user", paramLabel = "USER", description = "Database user (default: $LOYALTY_STORE_USER).")
    String user;

    @Option(names = "--store-password", paramLabel = "PASSWORD",
            description = "Database password (default: $LOYALTY_STORE_PASSWORD).")
    String password;

    /** An open store on {@code url}: the schema is created or upgraded first. Close the returned pool when done. */
    static Opened open(String url, String user, String password, int poolSize, String pseudonymSalt) {
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--store: expected a jdbc:h2:... or jdbc:postgresql:... URL, was " + url);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user != null ? user : System.getenv("LOYALTY_STORE_USER"));
        config.setPassword(password != null ? password : System.getenv("LOYALTY_STORE_PASSWORD"));
        config.setMaximumPoolSize(Math.max(2, poolSize));
        config.setPoolName("loyalty-cli");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            JdbcMemberStore.migrate(pool);
            JdbcMemberStore store = pseudonymSalt == null ? JdbcMemberStore.withoutErasure(pool, 0)
                    : JdbcMemberStore.create(pool, pseudonymSalt, 0);
            return new Opened(store, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    Opened open(String url, int poolSize, String pseudonymSalt) {
        return open(url, user, password, poolSize, pseudonymSalt);
    }

    /** A store and the pool under it. */
    record Opened(JdbcMemberStore store, HikariDataSource pool) implements AutoCloseable {
        @Override
        public void close() {
            pool.close();
        }
    }
}
