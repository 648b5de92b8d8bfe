package org.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.store.StoredMember;
import org.loyaltyrules.rules.store.VersionConflictException;

/** A save at a version the store does not hold says which version is stored, for every store. */
class MemberStoreVersionConflictTest {

    private static final MemberState M1 = MemberState.enrol("m1", Instant.parse("2025-01-01T00:00:00Z"), "member");

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#stores")
    void a_save_at_a_version_the_store_does_not_hold_names_the_stored_and_the_expected_version(String kind)
            throws Exception {
        TestDatabase.withStore(kind, store -> {
            // given: m1 at version 2, m5 never stored
            store.save(M1, 0);
            store.save(M1.withSurveyScore(5), 1);
            MemberState m5 = MemberState.enrol("m5", Instant.parse("2025-01-01T00:00:00Z"), "member");

            // when, then
            assertThatThrownBy(() -> store.save(M1.withSurveyScore(9), 99))
                    .isExactlyInstanceOf(VersionConflictException.class)
                    .hasMessage("member m1 is at version 2, not at version 99 (the expected version is ahead of the "
                            + "store)");
            assertThatThrownBy(() -> store.save(m5, 3))
                    .isExactlyInstanceOf(VersionConflictException.class)
                    .hasMessage("no member m5 is stored; the save expected version 3");
            assertThatThrownBy(() -> store.save(M1.withSurveyScore(9), 1))
                    .isExactlyInstanceOf(VersionConflictException.class)
                    .hasMessage("member m1 is no longer at version 1 but at version 2 (another writer saved first)");
            assertThatThrownBy(() -> store.save(M1, 0))
                    .isExactlyInstanceOf(VersionConflictException.class)
                    .hasMessage("member m1 is no longer absent (version 0) but at version 2 (it was created by "
                            + "another writer)");
            assertThat(store.load("m1")).contains(new StoredMember(M1.withSurveyScore(5), 2));
            assertThat(store.load("m5")).isEmpty();
        });
    }
}
