package org.loyaltyrules.core.points;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.loyaltyrules.core.program.ProgramCalendar;

/** Small helpers shared by the ledger tests. */
final class Ledgers {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final ProgramCalendar CALENDAR = ProgramCalendar.of(PARIS);
    static final ExpiryPolicy NEVER = ExpiryPolicy.never();

    private Ledgers() {
    }

    static List<EarnLine> base(long points) {
        return List.of(new EarnLine("base", points, "Base = " + points));
    }

    /** Earns {@code points} available at once and never expiring. */
    static PointsLedger earnNow(PointsLedger ledger, String eventId, Instant at, long points) {
        return ledger.earn(eventId, at, at, null, false, base(points));
    }

    static PointsLedger earnNow(PointsLedger ledger, String eventId, Instant at, long points, Instant expiresAt) {
        return ledger.earn(eventId, at, at, expiresAt, false, base(points));
    }

    static PointsLedger applied(LedgerOutcome outcome) {
        if (outcome instanceof LedgerOutcome.Applied) {
            return ((LedgerOutcome.Applied) outcome).ledger();
        }
        throw new AssertionError("expected the operation to be applied, was " + outcome);
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
