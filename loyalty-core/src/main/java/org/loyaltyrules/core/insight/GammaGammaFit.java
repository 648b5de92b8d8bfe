package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A Gamma-Gamma model fitted by maximum likelihood to the histories with at least one repeat purchase, as
 * lifetimes' {@code GammaGammaFitter.fit} (no penalizer, no q constraint): Nelder-Mead on the negative mean
 * log-likelihood over log(p, q, v). {@code members} counts the histories used.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record GammaGammaFit(GammaGammaModel model, double logLikelihood, int members, int evaluations) {

    public GammaGammaFit {
        requireNonNull(model, "model");
    }

    /** Fits on the histories with frequency &gt; 0; those must have a monetary value &gt; 0. */
    public static GammaGammaFit of(List<RepeatHistory> histories) {
        requireNonNull(histories, "histories");
        List<RepeatHistory> repeaters = new ArrayList<>();
        for (RepeatHistory h : histories) {
            if (h.frequency() > 0) {
                if (!(h.monetaryValue() > 0)) {
                    throw new IllegalArgumentException("monetaryValue of a history with repeat purchases must be > 0,"
                            + " was " + h.monetaryValue() + " in " + h);
                }
                repeaters.add(h);
            }
        }
        if (repeaters.isEmpty()) {
            throw new IllegalArgumentException("at least one history must have repeat purchases to fit Gamma-Gamma");
        }
        int n = repeaters.size();
        MaximumLikelihood.Optimum optimum = MaximumLikelihood.minimise(logParams -> {
            double[] p = MaximumLikelihood.exp(logParams);
            if (p == null) {
                return Double.POSITIVE_INFINITY;
            }
            GammaGammaModel candidate = new GammaGammaModel(p[0], p[1], p[2]);
            return -candidate.logLikelihood(repeaters) / n;
        }, 3);
        double[] p = optimum.logParams();
        GammaGammaModel model = new GammaGammaModel(Math.exp(p[0]), Math.exp(p[1]), Math.exp(p[2]));
        return new GammaGammaFit(model, model.logLikelihood(repeaters), n, optimum.evaluations());
    }
}
