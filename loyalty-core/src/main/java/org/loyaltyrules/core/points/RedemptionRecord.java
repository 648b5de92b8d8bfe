package org.loyaltyrules.core.points;

import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;

/** A redemption as the ledger remembers it: which lots paid for it, and whether it was reversed. */
@API(status = API.Status.STABLE, since = "0.1")
public record RedemptionRecord(String eventId, Instant at, long points, List<LotDraw> draws, boolean reversed) {

    public RedemptionRecord {
        draws = List.copyOf(draws);
    }

    RedemptionRecord reversedRecord() {
        return new RedemptionRecord(eventId, at, points, draws, true);
    }
}
