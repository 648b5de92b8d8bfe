package org.loyaltyrules.core.insight;

import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Minimises a negative mean log-likelihood over log-parameters with Nelder-Mead, as lifetimes does with scipy's
 * {@code minimize(method='Nelder-Mead')}. Deterministic: it starts from a fixed point (all parameters 1) instead of
 * lifetimes' random start, and restarts the simplex from the best point until a restart no longer improves it, which
 * guards against the simplex collapsing early.
 */
final class MaximumLikelihood {

    private static final int MAX_EVALUATIONS = 200_000;
    private static final int MAX_RESTARTS = 20;

    private MaximumLikelihood() {
    }

    /** The minimising log-parameters, the minimum and the number of evaluations it took. */
    record Optimum(double[] logParams, double value, int evaluations) {
    }

    static Optimum minimise(ToDoubleFunction<double[]> negativeMeanLogLikelihood, int dimension) {
        double[] start = new double[dimension];
        ObjectiveFunction objective = new ObjectiveFunction(point -> {
            double value = negativeMeanLogLikelihood.applyAsDouble(point);
            // a point where the likelihood is not defined (overflow) is never the optimum
            return Double.isFinite(value) ? value : Double.MAX_VALUE;
        });
        PointValuePair best = null;
        int evaluations = 0;
        for (int restart = 0; restart <= MAX_RESTARTS; restart++) {
            SimplexOptimizer optimizer = new SimplexOptimizer(1e-13, 1e-15);
            PointValuePair found = optimizer.optimize(new MaxEval(MAX_EVALUATIONS), objective, GoalType.MINIMIZE,
                    new InitialGuess(best == null ? start : best.getPoint()), new NelderMeadSimplex(dimension, 0.5));
            evaluations += optimizer.getEvaluations();
            boolean improved = best == null || found.getValue() < best.getValue() - 1e-14;
            if (best == null || found.getValue() < best.getValue()) {
                best = found;
            }
            if (!improved) {
                break;
            }
        }
        return new Optimum(best.getPoint(), best.getValue(), evaluations);
    }

    /** The parameters of {@code logParams}, or null where one under- or overflows (no valid model there). */
    static double[] exp(double[] logParams) {
        double[] out = new double[logParams.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.exp(logParams[i]);
            if (!(out[i] > 0) || Double.isInfinite(out[i])) {
                return null;
            }
        }
        return out;
    }
}
