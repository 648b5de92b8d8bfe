package org.loyaltyrules.testkit;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * A hook that checks how a contract property ended, including a failure its coverage check raised, and answers for
 * it: {@link #check} asserts the outcome and returns what jqwik is to report.
 */
abstract class ContractPropertyOutcome implements AroundPropertyHook {

    abstract PropertyExecutionResult check(PropertyLifecycleContext context, PropertyExecutionResult result);

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        return check(context, property.execute());
    }

    /** Outside jqwik's statistics hook (proximity -50), which turns a failed coverage check into the failure. */
    @Override
    public int aroundPropertyProximity() {
        return -60;
    }
}
