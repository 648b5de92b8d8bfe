package org.loyaltyrules.spring;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code loyalty.*} settings. Exactly one of {@code loyalty.program-dir} (a program folder on disk, reloaded when it
 * changes) and {@code loyalty.program-classpath} (a program packaged in the application, e.g.
 * {@code programs/retail-basic} for a copy in {@code src/main/resources/programs/retail-basic}) names the program.
 * A {@code loyalty.*} setting of no field here (a misspelt {@code loyalty.relaod.enabled}) stops the start-up naming
 * it, rather than leaving the default in force unseen (environment variables and system properties, such as
 * {@code LOYALTY_PSEUDONYM_SALT}, are not judged so: Spring Boot leaves them out of that check).
 */
@ConfigurationProperties(prefix = "loyalty", ignoreUnknownFields = false)
public class LoyaltyProperties {

    /** Program folder on disk: program.json and rules/**.drl. */
    private Path programDir;

    /**
     * Program folder on the classpath (program.json and rules/**.drl under it), e.g. programs/retail-basic for a copy
     * the application keeps in src/main/resources/programs/retail-basic; no published jar holds a program.
     */
    private String programClasspath;

    /** Rules fired per event before the evaluation is stopped as a loop. */
    private int fireLimit = 10_000;

    private final Reload reload = new Reload();

    private final Store store = new Store();

    public Path getProgramDir() {
        return programDir;
    }

    public void setProgramDir(Path programDir) {
        this.programDir = programDir;
    }

    public String getProgramClasspath() {
        return programClasspath;
    }

    public void setProgramClasspath(String programClasspath) {
        this.programClasspath = programClasspath;
    }

    public int getFireLimit() {
        return fireLimit;
    }

    public void setFireLimit(int fireLimit) {
        this.fireLimit = fireLimit;
    }

    public Reload getReload() {
        return reload;
    }

    public Store getStore() {
        return store;
    }

    /** Hot reload of {@code loyalty.program-dir}. */
    public static class Reload {

        /** Watch the program folder and swap in the new program when a file changes. */
        private boolean enabled = true;

        /** How often the folder is checked for changes. */
        private Duration interval = Duration.ofSeconds(2);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }

    /** The JDBC member store, configured when the application has a DataSource. */
    public static class Store {

        /** Create or upgrade the loyalty tables (Flyway, history table loyalty_schema_history) at start-up. */
        private boolean migrate = true;

        /**
         * Secret of at least 16 characters from which erasure pseudonyms are derived; keep it stable and out of
         * source control (e.g. an environment variable).
         */
        private String pseudonymSalt;

        /** Recently used members kept in memory (0: none). */
        private int cachedMembers = 10_000;

        /** Attempts per event when other writers keep changing the same member first. */
        private int maxAttempts = 50;

        public boolean isMigrate() {
            return migrate;
        }

        public void setMigrate(boolean migrate) {
            this.migrate = migrate;
        }

        public String getPseudonymSalt() {
            return pseudonymSalt;
        }

        public void setPseudonymSalt(String pseudonymSalt) {
            this.pseudonymSalt = pseudonymSalt;
        }

        public int getCachedMembers() {
            return cachedMembers;
        }

        public void setCachedMembers(int cachedMembers) {
            this.cachedMembers = cachedMembers;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }
    }
}
