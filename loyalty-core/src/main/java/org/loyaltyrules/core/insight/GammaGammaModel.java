package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import org.apache.commons.math3.special.Gamma;
import org.apiguardian.api.API;

/**
 * The Gamma-Gamma model of the value of repeat purchases (Fader, Hardie &amp; Lee 2005; Hardie's note 025), with
 * parameters p, q and v (lifetimes' names; gamma in the note). Formulas as lifetimes' {@code GammaGammaFitter}.
 * It assumes spend per purchase is independent of purchase frequency.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record GammaGammaModel(double p, double q, double v) {

    public GammaGammaModel {
        BgNbdModel.requirePositive("p", p);
        BgNbdModel.requirePositive("q", q);
        BgNbdModel.requirePositive("v", v);
    }

    /**
     * The log-likelihood of one member's mean repeat value m over x &gt; 0 repeat purchases (note 025, equation 1a):
     * ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln m + px ln x − (px+q) ln(xm+v).
     */
    public double logLikelihood(int x, double m) {
        if (x <= 0 || !(m > 0)) {
            throw new IllegalArgumentException("the Gamma-Gamma likelihood needs frequency > 0 and monetary value > 0,"
                    + " was " + x + " and " + m);
        }
        double px = p * x;
        return Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q) + q * Math.log(v)
                + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(x * m + v);
    }

    /** The summed log-likelihood of the histories with repeat purchases (the others carry no value information). */
    public double logLikelihood(Collection<RepeatHistory> histories) {
        requireNonNull(histories, "histories");
        double sum = 0;
        for (RepeatHistory h : histories) {
            if (h.frequency() > 0) {
                sum += logLikelihood(h.frequency(), h.monetaryValue());
            }
        }
        return sum;
    }

    /** The population's mean value per purchase, v p / (q − 1); defined for q &gt; 1. */
    public double populationMeanValue() {
        if (q <= 1) {
            throw new IllegalStateException("the population mean value needs q > 1, was " + q);
        }
        return v * p / (q - 1);
    }

    /**
     * The expected value per purchase of a member with x repeat purchases of mean value m (note 025, equation 5):
     * a weighted mean of the population mean and the member's own, with weight p x / (p x + q − 1) on the member's.
     */
    public double expectedAverageValue(int x, double m) {
        double individualWeight = p * x / (p * x + q - 1);
        return (1 - individualWeight) * populationMeanValue() + individualWeight * m;
    }

    public double expectedAverageValue(RepeatHistory history) {
        return expectedAverageValue(history.frequency(), history.monetaryValue());
    }
}
