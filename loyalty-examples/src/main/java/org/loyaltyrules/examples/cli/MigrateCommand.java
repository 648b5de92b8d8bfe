package org.loyaltyrules.examples.cli;

import java.util.concurrent.Callable;
import org.loyaltyrules.jdbc.JdbcMemberStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code loyalty migrate --store URL}: creates a JDBC member store's schema, or upgrades it to the version this loyalty
 * needs, without replaying anything (what {@code run --store} does first), and says which version it found and left.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Create or upgrade a JDBC member store's schema to the version this loyalty needs, without "
                + "replaying events; prints the version before and after. A store a newer loyalty upgraded is "
                + "refused.")
final class MigrateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", paramLabel = "URL", required = true, description = "jdbc:h2:... or jdbc:postgresql:...")
    String url;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        // one pool: the version before, the migration (which refuses a newer schema), the version after
        try (StoreOptions.Opened opened = store.openAny(spec.commandLine(), url)) {
            String from = StoreOptions.schemaVersion(opened.pool());
            JdbcMemberStore.migrate(opened.pool());
            String to = StoreOptions.schemaVersion(opened.pool());
            spec.commandLine().getOut().println("loyalty migrate: " + StoreOptions.shown(url) + ": "
                    + (from.equals(to) ? "schema version " + to + ", already current"
                    : "schema version " + from + " -> " + to));
        }
        return LoyaltyCli.OK;
    }
}
