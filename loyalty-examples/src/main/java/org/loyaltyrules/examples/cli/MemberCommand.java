package org.loyaltyrules.examples.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loyalty member export|erase}: data-subject requests against a JDBC member store. */
@Command(name = "member", mixinStandardHelpOptions = true,
        description = "Data-subject requests on a JDBC member store: export everything held about a member, or "
                + "erase the member's identity (the ledger's totals stay, under a pseudonym).",
        subcommands = {MemberCommand.Export.class, MemberCommand.Erase.class})
final class MemberCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: "
                + LoyaltyCli.commands(spec.commandLine()));
    }

    /** What both subcommands take: the store and the member. */
    static final class Target {

        @Option(names = "--store", paramLabel = "URL", required = true, description = "jdbc:h2:... or jdbc:postgresql:...")
        String url;

        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "MEMBER", description = "The member id.")
        String member;

        /** The existing store: a member command creates and migrates nothing. */
        StoreOptions.Opened open(CommandLine command, String pseudonymSalt) {
            return store.openExisting(command, url, pseudonymSalt);
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Print the member's export document (JSON): state, lots, postings, redemptions, purchases.")
    static final class Export implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        Target target;


        @Override
        public Integer call() {
            try (StoreOptions.Opened opened = target.open(spec.commandLine(), null)) {
                Optional<String> document = opened.store().export(target.member);
                if (document.isEmpty()) {
                    // an unknown member is a usage error, as in explain
                    throw new CommandLine.ParameterException(spec.commandLine(), "no member " + target.member + " in "
                            + StoreOptions.shown(target.url));
                }
                spec.commandLine().getOut().println(document.get());
                return LoyaltyCli.OK;
            }
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = "Remove the member's tags, attributes and survey score and replace its id by a pseudonym "
                    + "everywhere; lots, postings and totals stay for finance. Prints the pseudonym.")
    static final class Erase implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        Target target;

        @Option(names = "--pseudonym-salt", paramLabel = "SECRET",
                description = "At least 16 characters, the same for every erasure (default: $LOYALTY_PSEUDONYM_SALT).")
        String salt;


        /** The store; a salt the store refuses (too short) is a usage error (exit 2), as a missing one is. */
        private StoreOptions.Opened open(String secret) {
            try {
                return target.open(spec.commandLine(), secret);
            } catch (IllegalArgumentException e) {
                if (String.valueOf(e.getMessage()).startsWith("pseudonym salt")) {
                    throw new CommandLine.ParameterException(spec.commandLine(), (salt != null ? "--pseudonym-salt"
                            : "LOYALTY_PSEUDONYM_SALT") + ": " + e.getMessage());
                }
                throw e;
            }
        }

        @Override
        public Integer call() {
            String secret = salt != null ? salt : System.getenv("LOYALTY_PSEUDONYM_SALT");
            if (secret == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "erase needs --pseudonym-salt or the environment variable LOYALTY_PSEUDONYM_SALT");
            }
            try (StoreOptions.Opened opened = open(secret)) {
                Optional<String> pseudonym = opened.store().erase(target.member);
                if (pseudonym.isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "no member " + target.member + " in "
                            + StoreOptions.shown(target.url));
                }
                spec.commandLine().getOut().println("erased " + target.member + ": now " + pseudonym.get());
                return LoyaltyCli.OK;
            }
        }
    }
}
