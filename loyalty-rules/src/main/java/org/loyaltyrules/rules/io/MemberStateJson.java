package org.loyaltyrules.rules.io;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apiguardian.api.API;
import org.loyaltyrules.core.member.MemberState;

/**
 * A {@link MemberState} as compact, versioned JSON ({@code {"v":3,"id":"m1",...}}; the fields of format version 3 are
 * described in docs/scale-out.md), for an embedding system that persists states itself: in a document or key-value
 * store, a JSON column, a cache. It writes the current version and reads every version it knows; a newer version or
 * broken text fails with {@link IllegalArgumentException} naming the version or the problem, so a stored state is
 * never silently misread. The format is its own, decoupled from the core records: a core change never changes what is
 * already stored. {@code read(write(state))} equals {@code state}. Thread-safe.
 *
 * <pre>{@code
 * String json = MemberStateJson.toJson(decision.state());   // store it
 * MemberState state = MemberStateJson.fromJson(json);        // and back, for the member's next event
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MemberStateJson {

    /** The format version this class writes. */
    public static final int FORMAT_VERSION = StoredMember.VERSION;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // the engine writes whole numbers as such and text as text: 240.9 points or "12" is a damaged state,
            // refused by its path, not read as 240 or 12
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)) // 29.30 stays 29.30: record equality is scale-exact
            .build();

    private MemberStateJson() {
    }

    /** The UTF-8 bytes of {@code state} in the current format. */
    public static byte[] write(MemberState state) {
        requireNonNull(state, "state");
        try {
            return JSON.writeValueAsBytes(StoredMember.of(state));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write member state of " + state.memberId(), e);
        }
    }

    /** {@link #write} as text. */
    public static String toJson(MemberState state) {
        return new String(write(state), StandardCharsets.UTF_8);
    }

    /** The member state stored in {@code bytes} (UTF-8 JSON), written in this or an earlier format version. */
    public static MemberState read(byte[] bytes) {
        requireNonNull(bytes, "bytes");
        JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("stored member state is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("stored member state cannot be read: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("stored member state must be a JSON object, was "
                    + (tree == null ? "empty" : tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        JsonNode version = tree.get("v");
        if (version == null || !version.canConvertToInt()) {
            throw new IllegalArgumentException("stored member state has no format version \"v\"");
        }
        if (version.intValue() < 1 || version.intValue() > FORMAT_VERSION) {
            throw new IllegalArgumentException("stored member state has format version " + version.intValue()
                    + "; this reader knows versions 1.." + FORMAT_VERSION);
        }
        String problem = "cannot read stored member state (format version " + version.intValue() + "): ";
        StoredMember stored;
        try {
            stored = JSON.treeToValue(tree, StoredMember.class); // an unknown field or a wrong type
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new IllegalArgumentException(problem + mappingProblem(e, tree), e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(problem + e.getMessage(), e);
        }
        String missing = StoredMember.missingField(tree); // before the core values, which would name a Java component
        if (missing != null) {
            throw new IllegalArgumentException(problem + missing + " is missing");
        }
        String unreadable = StoredMember.unreadableField(tree); // the core's parse errors would not say where
        if (unreadable != null) {
            throw new IllegalArgumentException(problem + unreadable);
        }
        String under = StoredMember.tierUnderProblem(tree, version.intValue());
        if (under != null) {
            throw new IllegalArgumentException(problem + under);
        }
        try {
            return stored.toState();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(problem + e.getMessage(), e);
        }
    }

    /**
     * An unknown field or a value of the wrong JSON type, by its JSON path ({@code $.purchases[0].at must be text, was
     * an object}), rather than the mapper's chain of Java classes.
     */
    private static String mappingProblem(com.fasterxml.jackson.databind.JsonMappingException e, JsonNode tree) {
        StringBuilder path = new StringBuilder("$");
        JsonNode node = tree;
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                path.append('.').append(step.getFieldName());
                node = node == null ? null : node.get(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
                node = node == null ? null : node.get(step.getIndex());
            }
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
            return path + " is not a field of the stored member state";
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                && mismatch.getTargetType() != null && node != null) {
            return path + " must be " + jsonType(mismatch.getTargetType()) + ", was "
                    + (node.isContainerNode() ? (node.isObject() ? "an object" : "an array") : node.toString());
        }
        return path + ": " + e.getOriginalMessage();
    }

    /** What a stored field of this Java type is in JSON. */
    private static String jsonType(Class<?> type) {
        if (type == String.class) {
            return "text";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    /** {@link #read} from text. */
    public static MemberState fromJson(String json) {
        requireNonNull(json, "json");
        return read(json.getBytes(StandardCharsets.UTF_8));
    }
}
