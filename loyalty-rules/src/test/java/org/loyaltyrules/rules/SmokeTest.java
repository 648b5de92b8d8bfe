package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() {
        LoyaltyEngine engine = Programs.engine(Programs.retail("", ""));
        Decision d1 = engine.apply(null, Programs.purchase("p1", "m1", "2025-03-03T10:00:00Z", "600.00"));
        System.out.println(d1);
        Decision d2 = engine.apply(d1.state(), Programs.purchase("p2", "m1", "2025-03-04T10:00:00Z", "100.00"));
        System.out.println(d2.postings());
        System.out.println(d2.explanations());
        assertThat(d2.pointsAwarded()).isEqualTo(120L);
    }
}
