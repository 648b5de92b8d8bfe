package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/** The member's total of the ladder's qualifying metric in the current window, this event included (tier group). */
@API(status = API.Status.STABLE, since = "0.1")
public record QualifyingGrowth(String metric, BigDecimal total) {
}
