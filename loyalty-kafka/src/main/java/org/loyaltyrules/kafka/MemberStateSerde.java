package org.loyaltyrules.kafka;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apiguardian.api.API;
import org.loyaltyrules.core.member.MemberState;

/**
 * Stores a {@link MemberState} as compact, versioned JSON ({@code {"v":2,"id":"m1",...}}; the fields are those of
 * format version 2, see docs/scale-out.md). It writes the current version and reads every version it knows; a newer
 * version or broken bytes fail with {@link SerializationException} naming the version or the problem, so a store is
 * never silently misread. Thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MemberStateSerde implements Serde<MemberState> {

    /** The format version this serde writes. */
    public static final int FORMAT_VERSION = StoredMember.VERSION;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)) // 29.30 stays 29.30: record equality is scale-exact
            .build();

    /** The stored bytes of {@code state} in the current format. */
    public static byte[] write(MemberState state) {
        try {
            return JSON.writeValueAsBytes(StoredMember.of(state));
        } catch (IOException e) {
            throw new SerializationException("cannot write member state of " + state.memberId(), e);
        }
    }

    /** The member state stored in {@code bytes}, written by this or an earlier format version. */
    public static MemberState read(byte[] bytes) {
        JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new SerializationException("stored member state is not JSON: " + e.getMessage(), e);
        }
        JsonNode version = tree.get("v");
        if (version == null || !version.canConvertToInt()) {
            throw new SerializationException("stored member state has no format version \"v\"");
        }
        if (version.intValue() < 1 || version.intValue() > FORMAT_VERSION) {
            throw new SerializationException("stored member state has format version " + version.intValue()
                    + "; this reader knows versions 1.." + FORMAT_VERSION);
        }
        try {
            return JSON.treeToValue(tree, StoredMember.class).toState();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read stored member state (format version " + version.intValue()
                    + "): " + e.getMessage(), e);
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
