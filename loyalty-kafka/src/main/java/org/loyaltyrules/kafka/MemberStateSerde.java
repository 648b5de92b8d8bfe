package org.loyaltyrules.kafka;

import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apiguardian.api.API;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.io.MemberStateJson;

/**
 * Stores a {@link MemberState} in the versioned JSON of {@link MemberStateJson} ({@code {"v":3,"id":"m1",...}}; see
 * docs/scale-out.md). It writes the current version and reads every version it knows; a newer version or broken bytes
 * fail with {@link SerializationException} naming the version or the problem, so a store is never silently misread.
 * Thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MemberStateSerde implements Serde<MemberState> {

    /** The format version this serde writes. */
    public static final int FORMAT_VERSION = MemberStateJson.FORMAT_VERSION;

    /** The stored bytes of {@code state} in the current format. */
    public static byte[] write(MemberState state) {
        try {
            return MemberStateJson.write(state);
        } catch (UncheckedIOException e) {
            throw new SerializationException(e.getMessage(), e.getCause());
        }
    }

    /** The member state stored in {@code bytes}, written by this or an earlier format version. */
    public static MemberState read(byte[] bytes) {
        try {
            return MemberStateJson.read(bytes);
        } catch (IllegalArgumentException e) {
            throw new SerializationException(e.getMessage(), e.getCause());
        }
    }

    @Override
    public Serializer<MemberState> serializer() {
        return (topic, state) -> state == null ? null : write(state);
    }

    @Override
    public Deserializer<MemberState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }
}
