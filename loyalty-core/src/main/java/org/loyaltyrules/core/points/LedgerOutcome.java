package org.loyaltyrules.core.points;

import org.apiguardian.api.API;

/** The result of a ledger operation that can be refused: the new ledger, or the refusal (ledger unchanged). */
@API(status = API.Status.STABLE, since = "0.1")
public sealed interface LedgerOutcome {

    /** The operation went through; {@code ledger} holds its postings. */
    record Applied(PointsLedger ledger) implements LedgerOutcome {
    }

    /** The operation was refused; nothing changed. */
    record Refused(LedgerRefusal refusal) implements LedgerOutcome {
    }
}
