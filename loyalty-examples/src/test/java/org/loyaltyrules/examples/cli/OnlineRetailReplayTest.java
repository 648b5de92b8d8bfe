package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.member.MemberStatus;
import org.loyaltyrules.examples.data.EventFormat;
import org.loyaltyrules.examples.data.LoadedEvents;

/**
 * UCI Online Retail (shared data, online-retail/README.md): 541,909 rows, 135,080 without CustomerID; of the rows
 * with a customer, 22,190 invoices: 18,536 purchases and 3,654 cancellations, of which 2,680 match an earlier
 * invoice of the same customer covering their StockCodes (the matching of OnlineRetailEvents, recomputed
 * independently with a script) and 974 do not. Totals after the replay are the demo program's measured results.
 */
@Tag("real-data")
class OnlineRetailReplayTest {

    @Test
    void invoices_become_purchases_and_matched_cancellations_refunds() {
        // when
        LoadedEvents loaded = RealData.load(RealData.file("online-retail/online_retail.csv.gz"));

        // then
        assertThat(loaded.format()).isEqualTo(EventFormat.ONLINE_RETAIL);
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.counts()).containsExactly(Map.entry("rows", 541_909L),
                Map.entry("rowsWithoutCustomer", 135_080L), Map.entry("invoices", 22_190L),
                Map.entry("purchases", 18_536L), Map.entry("cancellations", 3_654L), Map.entry("refunds", 2_680L),
                Map.entry("cancellationsUnmatched", 974L), Map.entry("cancellationsNothingLeft", 0L),
                Map.entry("invoicesNegative", 0L), Map.entry("adjustmentsSkipped", 0L));
        assertThat(loaded.events()).hasSize(21_216);
        assertThat(loaded.countOfType("purchase")).isEqualTo(18_536);
        assertThat(loaded.countOfType("refund")).isEqualTo(2_680);
        assertThat(loaded.members()).isEqualTo(4_339);
    }

    @Test
    void every_refund_is_applied_or_rejected_with_a_reason_and_points_are_conserved() {
        // given
        LoadedEvents loaded = RealData.load(RealData.file("online-retail/online_retail.csv.gz"));

        // when
        RealData.Replayed replayed = RealData.replay(loaded);
        ReplayReport report = replayed.report();

        // then: no refund is lost
        ReplayReport.TypeCounts refunds = report.byType().get("refund");
        assertThat(refunds.read).isEqualTo(2_680);
        assertThat(refunds.applied + refunds.rejected + refunds.duplicates).isEqualTo(refunds.read);
        assertThat(replayed.result().rejections()).allMatch(r -> !r.code().isBlank() && !r.detail().isBlank());
        assertThat(refunds.applied).isEqualTo(2_680);
        assertThat(report.byType().get("purchase").applied).isEqualTo(18_536);
        // and the measured figures of the demo program
        assertThat(report.pointsIssued()).isEqualTo(11_950_859);
        assertThat(report.pointsClawedBack()).isEqualTo(268_823);
        assertThat(report.pointsUnrecovered()).isZero();
        assertThat(report.liabilityPoints()).isEqualTo(11_682_036);
        assertThat(report.tierMix()).containsExactly(Map.entry("member", 1_773L), Map.entry("silver", 1_682L),
                Map.entry("gold", 616L), Map.entry("platinum", 268L));
        assertThat(replayed.result().members().values().stream()
                .filter(m -> m.status() == MemberStatus.UNDER_REVIEW).count()).isEqualTo(64);
        RealData.assertPointsConserved(replayed.result());
    }
}
