package org.loyaltyrules.rules.internal;

/** Where a rule is written and what it is for: name, file (origin), line of its {@code rule} keyword, intent and
 * ruleflow group. */
public record RuleInfo(String name, String file, int line, String intent, String group) {
}
