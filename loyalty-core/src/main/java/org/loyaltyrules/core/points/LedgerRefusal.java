package org.loyaltyrules.core.points;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;

/** A business "no" from the ledger: what was refused and why, with the numbers ("requested 500, available 320"). */
@API(status = API.Status.STABLE, since = "0.1")
public record LedgerRefusal(Code code, String detail) {

    public enum Code { INSUFFICIENT_POINTS, UNKNOWN_REDEMPTION, ALREADY_REVERSED }

    public LedgerRefusal {
        requireNonNull(code, "code");
        requireNonNull(detail, "detail");
    }
}
