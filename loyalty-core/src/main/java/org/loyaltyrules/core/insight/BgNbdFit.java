package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A BG/NBD model fitted by maximum likelihood to members' repeat histories, with the summed log-likelihood it reached.
 * The fit follows lifetimes' {@code BetaGeoFitter.fit} (no penalizer): time is rescaled so the oldest member's age
 * is 1, the negative mean log-likelihood is minimised over the logarithms of (r, alpha, a, b) with Nelder-Mead, and
 * alpha is scaled back. Deterministic: same histories, same numbers. At least one history must have a repeat
 * purchase: without one the likelihood has no maximum.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BgNbdFit(BgNbdModel model, double logLikelihood, int members, int evaluations) {

    public BgNbdFit {
        requireNonNull(model, "model");
    }

    public static BgNbdFit of(List<RepeatHistory> histories) {
        requireNonNull(histories, "histories");
        if (histories.isEmpty()) {
            throw new IllegalArgumentException("histories must not be empty");
        }
        int n = histories.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        double maxAge = 0;
        for (int i = 0; i < n; i++) {
            RepeatHistory s = histories.get(i);
            x[i] = s.frequency();
            tx[i] = s.recency();
            age[i] = s.age();
            maxAge = Math.max(maxAge, age[i]);
        }
        // with x = 0 everywhere the log-likelihood is -r Σ ln(1 + T/alpha): a and b drop out and it only grows
        // towards 0 as r/alpha, the purchase rate, falls to 0, so there is no maximum to find; a "fit" would run
        // off to r -> 0, alpha -> infinity and expect no purchase from anyone
        if (Arrays.stream(x).allMatch(f -> f == 0)) {
            throw new IllegalArgumentException("histories must include one with frequency > 0 to fit BG/NBD (without a"
                    + " repeat purchase the likelihood has no maximum), were " + n + ", all with frequency 0");
        }
        if (maxAge <= 0) {
            throw new IllegalArgumentException("at least one member must have an age > 0 to fit BG/NBD");
        }
        double scale = 1 / maxAge;
        MaximumLikelihood.Optimum optimum = MaximumLikelihood.minimise(logParams -> {
            double[] p = MaximumLikelihood.exp(logParams);
            if (p == null) {
                return Double.POSITIVE_INFINITY;
            }
            BgNbdModel scaled = new BgNbdModel(p[0], p[1], p[2], p[3]);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += scaled.logLikelihood(x[i], tx[i] * scale, age[i] * scale);
            }
            return -sum / n;
        }, 4);
        double[] p = optimum.logParams();
        BgNbdModel model = new BgNbdModel(Math.exp(p[0]), Math.exp(p[1]) / scale, Math.exp(p[2]), Math.exp(p[3]));
        return new BgNbdFit(model, model.logLikelihood(histories), n, optimum.evaluations());
    }
}
