package org.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A store a newer loyalty upgraded is refused: this library writing to it would drop what the newer schema keeps (as
 * a loyalty before schema 3 drops the lines a version-3 store keeps per purchase). Nothing is changed.
 */
class JdbcMemberStoreNewerSchemaTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void migrate_refuses_a_schema_version_newer_than_its_last_migration_and_changes_nothing(String kind) {
        try (TestDatabase db = TestDatabase.empty(kind)) {
            // given: a current store on which a newer loyalty recorded its version 5
            JdbcMemberStore.migrate(db.dataSource());
            db.execute("INSERT INTO \"loyalty_schema_history\" (\"installed_rank\", \"version\", \"description\", "
                    + "\"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") "
                    + "VALUES (50, '5', 'from the future', 'SQL', 'V5__from_the_future.sql', 0, 'someone', 1, TRUE)");

            // when, then
            String refusal = "the store holds loyalty schema version 5, newer than this loyalty knows (4): a newer "
                    + "loyalty upgraded it, and this one would drop what that version keeps. Use the newer loyalty "
                    + "on it. Nothing was changed.";
            assertThatThrownBy(() -> JdbcMemberStore.migrate(db.dataSource()))
                    .isExactlyInstanceOf(IllegalStateException.class).hasMessage(refusal);
            assertThatThrownBy(() -> JdbcMemberStore.refuseNewerSchema(db.dataSource()))
                    .isExactlyInstanceOf(IllegalStateException.class).hasMessage(refusal);
            assertThat(db.count("SELECT COUNT(*) FROM \"loyalty_schema_history\" WHERE \"version\" IN ('3', '4')"))
                    .isEqualTo(2L); // nothing was migrated again, nor removed
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_current_or_empty_store_passes_the_check(String kind) {
        try (TestDatabase db = TestDatabase.empty(kind)) {
            JdbcMemberStore.refuseNewerSchema(db.dataSource()); // nothing there yet
            JdbcMemberStore.migrate(db.dataSource());
            JdbcMemberStore.refuseNewerSchema(db.dataSource());

            assertThat(db.count("SELECT COUNT(*) FROM \"loyalty_schema_history\" WHERE \"version\" = '3'"))
                    .isEqualTo(1L);
        }
    }
}
