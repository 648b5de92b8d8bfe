package org.loyaltyrules.rules.program;

import org.apiguardian.api.API;

/**
 * What a program claims about itself, for tests and tools to hold it to (program.json {@code declares}); the engine
 * evaluates the same either way. {@code monotoneInSpend}: more eligible spend never earns fewer points, so a
 * small-basket bonus or a rate that drops for large baskets would break the claim (loyalty-testkit checks it).
 * Nothing is declared by default.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Declarations(boolean monotoneInSpend) {

    /** What a program.json without {@code declares} declares: nothing. */
    public static final Declarations NONE = new Declarations(false);
}
