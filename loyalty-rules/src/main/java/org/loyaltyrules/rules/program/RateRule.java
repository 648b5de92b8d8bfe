package org.loyaltyrules.rules.program;

import java.math.BigDecimal;
import java.util.List;
import org.apiguardian.api.API;

/** A base earn rate that replaces the default for purchases whose attribute (or {@code channel}) has one of the
 * values; the first matching rule in program order wins. */
@API(status = API.Status.STABLE, since = "0.1")
public record RateRule(String attribute, List<String> values, BigDecimal rate) {
    public RateRule {
        values = List.copyOf(values);
    }
}
