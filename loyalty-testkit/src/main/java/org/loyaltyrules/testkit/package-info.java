/**
 * Property-based testing for loyalty programs (jqwik 1.9): {@link org.loyaltyrules.testkit.LoyaltyArbitraries}
 * generates members and realistic event histories shaped by a program's program.json,
 * {@link org.loyaltyrules.testkit.ProgramInvariants} checks the {@link org.loyaltyrules.testkit.Invariant}s every
 * program must keep on them, and {@link org.loyaltyrules.testkit.ProgramPropertiesContract} turns both into jqwik
 * properties a rule author runs against their program with a few lines (docs/rule-authoring.md).
 *
 * <p>The testkit uses the engine's facade only ({@code LoyaltyEngine}, {@code Program}, {@code Decision}), and the
 * public {@code rules.io.EventJson} to print a failing history as JSON Lines.
 */
package org.loyaltyrules.testkit;
