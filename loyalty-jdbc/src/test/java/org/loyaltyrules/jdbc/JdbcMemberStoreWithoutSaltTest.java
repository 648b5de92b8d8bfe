package org.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * docs/embedding.md §2 opens the store with {@code System.getenv("LOYALTY_PSEUDONYM_SALT")}: an unset variable is a
 * null salt, refused as plainly as a short one, saying what is needed, how to pass it and what to open instead.
 */
class JdbcMemberStoreWithoutSaltTest {

    private static JdbcDataSource dataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:no-salt");
        return dataSource;
    }

    @Test
    void a_missing_salt_is_refused_saying_what_is_needed_how_to_pass_it_and_the_store_without_erasure() {
        // given: the guide's call with LOYALTY_PSEUDONYM_SALT unset
        String unset = null;

        // when, then
        assertThatThrownBy(() -> JdbcMemberStore.create(dataSource(), unset))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("pseudonym salt must have at least 16 characters, was null (not set): erasure derives "
                        + "pseudonyms from this secret; pass it from configuration (docs/embedding.md reads the "
                        + "environment variable LOYALTY_PSEUDONYM_SALT), or open a store that cannot erase with "
                        + "JdbcMemberStore.withoutErasure(dataSource, cachedMembers)");
        assertThatThrownBy(() -> JdbcMemberStore.create(dataSource(), unset, 0))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("pseudonym salt must have at least 16 characters, was null (not set): ");
    }

    @Test
    void a_short_salt_is_refused_with_the_same_kind_of_message_naming_its_length() {
        assertThatThrownBy(() -> JdbcMemberStore.create(dataSource(), "short"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("pseudonym salt must have at least 16 characters, had 5");
    }

    @Test
    void the_store_without_erasure_the_message_points_to_opens_without_a_salt() {
        // when
        JdbcMemberStore store = JdbcMemberStore.withoutErasure(dataSource(), 0);

        // then
        assertThat(store.dataSource()).isNotNull();
        assertThatThrownBy(() -> store.erase("m1"))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("this store was opened without a pseudonym salt and cannot erase; "
                        + "open it with JdbcMemberStore.create(dataSource, salt)");
    }
}
