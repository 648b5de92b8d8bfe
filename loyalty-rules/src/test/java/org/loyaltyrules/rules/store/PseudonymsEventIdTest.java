package org.loyaltyrules.rules.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * An erased member's review ids carry the pseudonym instead of the member id, whole up to the 200 characters the JDBC
 * store holds, the tail hashed beyond (Pseudonyms.erasedEventId, docs/embedding.md).
 */
class PseudonymsEventIdTest {

    private static final String PSEUDONYM = "erased-ec2856ac4ff91608a28c644bace9cd92";

    @Test
    void a_renamed_review_id_of_exactly_200_characters_is_kept_and_one_of_201_has_its_tail_hashed() {
        // given: "review:" + pseudonym + ":" is 47 characters, so tails of 153 and 154 make 200 and 201
        String tail153 = "x".repeat(153);
        String tail154 = "x".repeat(154);

        // when
        String kept = Pseudonyms.erasedEventId("review:m1:" + tail153, "m1", PSEUDONYM);
        String hashed = Pseudonyms.erasedEventId("review:m1:" + tail154, "m1", PSEUDONYM);

        // then: the hash is the first 32 hex digits of the tail's SHA-256 (computed apart, with Python's hashlib)
        assertThat(kept).isEqualTo("review:" + PSEUDONYM + ":" + tail153).hasSize(200);
        assertThat(hashed).isEqualTo("review:" + PSEUDONYM + ":#38fbe3ccd676f27d2cb67873e08674c9");
        assertThat(Pseudonyms.erasedEventId("p1", "m1", PSEUDONYM)).isEqualTo("p1");
    }
}
