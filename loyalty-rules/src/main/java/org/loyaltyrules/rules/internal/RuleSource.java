package org.loyaltyrules.rules.internal;

import static java.util.Objects.requireNonNull;

/**
 * One DRL file: its path relative to the pack root ({@code earning/base-earn.drl}, which a program file with the
 * same path replaces), where it was read from (for messages) and its text.
 */
public record RuleSource(String path, String origin, String text) {

    public RuleSource {
        requireNonNull(path, "path");
        requireNonNull(origin, "origin");
        requireNonNull(text, "text");
    }
}
