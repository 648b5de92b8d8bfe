package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * The event took the member's window total of {@code metric} from {@code before} to {@code after}, reaching the
 * milestone {@code times} more times, each worth {@code points} (derived).
 */
@API(status = API.Status.STABLE, since = "0.1")
public record MilestoneCrossed(String eventId, String milestoneId, String metric, BigDecimal before,
                               BigDecimal after, long times, long points) {
}
