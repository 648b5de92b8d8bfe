package org.loyaltyrules.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.benefit.Benefit;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.member.FeeRecord;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.testkit.reference.ReferencePrograms;

/**
 * The testkit's own model of paid terms, as docs/program-json.md states the term rules: each case is one an engine bug
 * would share with a wrong model, so that BENEFIT_QUOTAS_KEPT would pass the bug (audit 14 K1, K3, K4).
 */
class PaidTermsTest {

    /** jd-plus (Asia/Shanghai): PLUS at 198.00 CNY for 12 months, no late renewal. */
    private static final Program JD_PLUS = ReferencePrograms.load("jd-plus");
    /** costco-executive (America/Los_Angeles): executive at 130.00 USD for 12 months, late renewal within 2 months. */
    private static final Program COSTCO = ReferencePrograms.load("costco-executive");

    private static MembershipFee plus(String id, String at) {
        return new MembershipFee(id, "m1", Instant.parse(at), Money.of("198.00", "CNY"), "plus", 12, Map.of());
    }

    private static MembershipFee executive(String id, String at) {
        return new MembershipFee(id, "m1", Instant.parse(at), Money.of("130.00", "USD"), "executive", 12, Map.of());
    }

    @Test
    void a_term_no_longer_anchors_the_term_months_at_its_end_instant() {
        // given: PLUS paid on 10 January 2025, so its 12 months end at 2026-01-10T02:00Z; "the term running at the
        // claim" is over at that instant (audit 14 K1 counted it as still running, the engine's A2 of audit 12)
        PaidTerms terms = new PaidTerms(JD_PLUS.settings());
        terms.pay(plus("f1", "2025-01-10T02:00:00Z"));
        Benefit freeShipping = JD_PLUS.settings().benefits().benefit("free-shipping").orElseThrow();
        Instant membershipStart = Instant.parse("2024-12-01T02:00:00Z");

        // then: the term's start a second before its end; the membership start at the end
        assertThat(terms.termMonthAnchor(Instant.parse("2026-01-10T01:59:59Z"), "plus", freeShipping, membershipStart))
                .isEqualTo(Instant.parse("2025-01-10T02:00:00Z"));
        assertThat(terms.termMonthAnchor(Instant.parse("2026-01-10T02:00:00Z"), "plus", freeShipping, membershipStart))
                .isEqualTo(membershipStart);
    }

    @Test
    void a_fee_after_a_refunded_term_is_no_late_renewal_and_starts_its_own_term() {
        // given: executive paid on 10 January, refunded on 1 June, paid again on 1 July, within 2 months of the refund;
        // a late renewal follows "a term that lapsed ... not refunded" (audit 14 K3 backdated it to the refund)
        PaidTerms terms = new PaidTerms(COSTCO.settings());
        terms.pay(executive("f1", "2025-01-10T18:00:00Z"));
        terms.refund("f1", Instant.parse("2025-06-01T18:00:00Z"));

        // when
        FeeRecord term = terms.pay(executive("f2", "2025-07-01T18:00:00Z"));

        // then: 12 months from its payment
        assertThat(term.termStart()).isEqualTo(Instant.parse("2025-07-01T18:00:00Z"));
        assertThat(term.termEnd()).isEqualTo(Instant.parse("2026-07-01T18:00:00Z"));
    }

    @Test
    void a_prepaid_renewal_runs_its_months_from_where_the_running_term_ends_not_from_its_payment() {
        // given: PLUS paid on 10 January 2025 and again on 1 June, while the first term runs (audit 14 K4 ended the
        // renewal 12 months after its payment, leaving it 4 months and 3 weeks)
        PaidTerms terms = new PaidTerms(JD_PLUS.settings());
        terms.pay(plus("f1", "2025-01-10T02:00:00Z"));

        // when
        FeeRecord renewal = terms.pay(plus("f2", "2025-06-01T02:00:00Z"));

        // then: 10 January 2026 to 10 January 2027
        assertThat(renewal.termStart()).isEqualTo(Instant.parse("2026-01-10T02:00:00Z"));
        assertThat(renewal.termEnd()).isEqualTo(Instant.parse("2027-01-10T02:00:00Z"));
    }
}
