package org.loyaltyrules.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review marks live as long as a quiet member does, so {@code LoyaltyTopology.build} keeps them where the members
 * are: in memory beside in-memory members (no RocksDB the application did not choose), on disk beside persistent ones.
 */
class LoyaltyTopologyStoresTest {

    @TempDir
    Path dir;

    @Test
    void review_marks_are_in_memory_with_in_memory_members_and_on_disk_with_persistent_members() {
        assertThat(marksPersistent(Stores.inMemoryKeyValueStore(LoyaltyTopology.MEMBER_STORE), "memory"))
                .containsExactly(false, false);
        assertThat(marksPersistent(Stores.persistentKeyValueStore(LoyaltyTopology.MEMBER_STORE), "disk"))
                .containsExactly(true, true);
    }

    /** Whether the review store and the review-failure store of a topology with {@code members} are persistent. */
    private Boolean[] marksPersistent(KeyValueBytesStoreSupplier members, String stateDir) {
        try (TopologyTestDriver driver = Topologies.driver(Topologies.retailBasic(), dir.resolve(stateDir),
                Duration.ofDays(1), Duration.ZERO, members)) {
            assertThat(driver.getKeyValueStore(LoyaltyTopology.MEMBER_STORE).persistent())
                    .isEqualTo(members.get().persistent());
            return new Boolean[] {driver.getKeyValueStore(LoyaltyTopology.REVIEW_STORE).persistent(),
                    driver.getKeyValueStore(LoyaltyTopology.REVIEW_FAILURE_STORE).persistent()};
        }
    }
}
