package org.loyaltyrules.rules.scenario;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.loyaltyrules.core.member.MemberStatus;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.rules.io.EventReader;
import org.loyaltyrules.rules.program.NearMiss;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramException;
import org.loyaltyrules.rules.program.ProgramText;

/**
 * One scenario test of a program (docs/scenarios.md): a member as {@code given} (id, manual tier, attributes, tags,
 * earlier events), the {@code when} events, and what {@code then} must hold. Events are kept as JSON Lines text in
 * the event format of docs/program-json.md and read by {@link org.loyaltyrules.rules.io.EventReader} when the
 * scenario runs. Immutable.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Scenario(String name, String source, String description, Given given, List<String> when, Then then) {

    /** The member before the {@code when} events. {@code enrolledAt} and {@code tier} may be null. */
    public record Given(String member, String enrolledAt, String tier, Map<String, String> attributes,
                        Set<String> tags, List<String> events) {
        public Given {
            requireNonNull(member, "member");
            attributes = Map.copyOf(attributes);
            tags = Set.copyOf(tags);
            events = List.copyOf(events);
        }
    }

    /** One expected posting; {@code type} defaults to EARN, a null {@code rule} is not checked. */
    public record ExpectedPosting(String type, Long points, String rule) {
    }

    /** One expected cap: the cap id, the headroom it left and the points it withheld. */
    public record ExpectedCap(String cap, Long headroom, Long withheld) {
    }

    /** One expected benefit: the benefit id and GRANTED, REFUSED or UNLOCKED. */
    public record ExpectedBenefit(String benefit, String outcome) {
    }

    /**
     * What must hold after the {@code when} events (and after time passes to {@code asOf}, when given). A null field,
     * or a list that is null, is not checked; {@code refusal} "none" expects the last {@code when} event applied.
     * {@code refusals} maps the id of a {@code when} event to the refusal code expected of it, or "DUPLICATE" when its
     * id was already used; a {@code when} event refused, or a duplicate, without being expected by {@code refusal} or
     * {@code refusals} fails the scenario.
     */
    public record Then(String asOf, Long pointsAwarded, Long pointsAvailable, Long pointsPending, String growth,
                       String tier, String status, List<ExpectedPosting> postings, List<ExpectedCap> caps,
                       List<ExpectedBenefit> benefits, List<String> riskFlags, String refusal,
                       Map<String, String> refusals) {
        public Then {
            refusals = refusals == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(refusals));
        }
    }

    public Scenario {
        requireNonNull(name, "name");
        requireNonNull(source, "source");
        requireNonNull(given, "given");
        requireNonNull(then, "then");
        description = description == null ? "" : description;
        when = List.copyOf(when);
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Set<String> TOP = Set.of("name", "description", "given", "when", "then");
    private static final Set<String> GIVEN = Set.of("member", "enrolledAt", "tier", "attributes", "tags", "events");
    /** The fields of {@code then} that are checks; {@code asOf} is the only other one. */
    static final Set<String> EXPECTATIONS = sorted(List.of("pointsAwarded", "pointsAvailable", "pointsPending",
            "growth", "tier", "status", "postings", "caps", "benefits", "riskFlags", "refusal", "refusals"));
    /** The values {@code then.status}, {@code postings[].type} and {@code benefits[].outcome} may take, as written. */
    static final List<String> STATUSES = Stream.of(MemberStatus.values()).map(Enum::name).toList();
    static final List<String> POSTING_TYPES = Stream.of(PostingType.values()).map(Enum::name).toList();
    static final List<String> BENEFIT_OUTCOMES = List.of("GRANTED", "REFUSED", "UNLOCKED");
    /** A decimal written as a string: digits, optionally signed, optionally with a fraction ("600", "10.99"). */
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    /**
     * A character that is not white space nor a control character: a name or id must hold one. The same class as
     * the schema's {@code pattern} for names and ids, so both refuse "\u00a0" and "\u0001" alike.
     */
    static final Pattern VISIBLE = ProgramText.VISIBLE;
    /**
     * The forms of {@code given.enrolledAt} and {@code then.asOf}: a date (2025-03-03, 20250303), a local date-time
     * (2025-03-03T10:00, seconds and fraction optional) or either with an offset (Z, +01, -05:00). The schema's
     * {@code pattern} for them; the reader also parses them, so a day that does not exist (2025-02-30) is refused too.
     */
    static final Pattern TIME = Pattern.compile("^([0-9]{8}|[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}"
            + "(:[0-9]{2}(\\.[0-9]{1,9})?)?([Zz]|[+-][0-9]{2}(:[0-9]{2}(:[0-9]{2})?)?)?)?)$");
    private static final Set<String> THEN = sorted(Stream.concat(EXPECTATIONS.stream(), Stream.of("asOf")).toList());

    /**
     * Reads every scenario file of {@code folder} ({@link #files}); the first that is not a valid scenario throws. To
     * run the others anyway, {@link #load} each of {@link #files} (as {@code loyalty test} and {@link ScenarioTests} do).
     */
    public static List<Scenario> loadAll(Path folder) {
        return files(folder).stream().map(file -> load(folder, file)).toList();
    }

    /**
     * The scenario files of {@code folder}: every {@code *.json} in it and in its subfolders (authors group scenarios
     * by concern), sorted by path relative to {@code folder}.
     */
    public static List<Path> files(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                    .sorted(Comparator.comparing(f -> folder.relativize(f).toString().replace('\\', '/')))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list scenarios in " + folder, e);
        }
    }

    /**
     * Reads one scenario file; the name defaults to {@link #defaultName}. A file that is not UTF-8 or not JSON, or
     * not a valid scenario, throws a {@link ProgramException} located at the file (and line:column or JSON path).
     */
    public static Scenario load(Path file) {
        try {
            return parse(ProgramText.read(file, file.toString()), file.toString(), defaultName(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + file, e);
        }
    }

    /**
     * Reads one scenario file of the scenario folder {@code folder}; the name defaults to
     * {@link #defaultName(Path, Path)}, its path relative to the folder ({@code earning/01-base}).
     */
    public static Scenario load(Path folder, Path file) {
        try {
            return parse(ProgramText.read(file, file.toString()), file.toString(), defaultName(folder, file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + file, e);
        }
    }

    /** The name of a scenario file that does not name itself: its file name without {@code .json}. */
    public static String defaultName(Path file) {
        return file.getFileName().toString().replaceFirst("\\.json$", "");
    }

    /**
     * The name of a scenario file of the scenario folder {@code folder} that does not name itself: its path relative
     * to the folder, with {@code /}, without {@code .json} ({@code earning/01-base}), so files of the same name in two
     * subfolders keep apart; a file directly in the folder is its file name ({@code 01-base}).
     */
    public static String defaultName(Path folder, Path file) {
        Path relative = file.isAbsolute() == folder.isAbsolute() && file.startsWith(folder)
                ? folder.relativize(file) : file.getFileName();
        return relative.toString().replace('\\', '/').replaceFirst("\\.json$", "");
    }

    /**
     * Parses scenario JSON; throws {@link ProgramException} with the JSON path of the problem
     * ({@code file $.then.pointsPending: must be an integer, was "12"}), or its line and column when the text is not
     * JSON ({@code file:1:13: not valid JSON: Unexpected end-of-input: ...}).
     */
    public static Scenario parse(String json, String source, String defaultName) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            Problem syntax = ProgramText.syntaxProblem(e, source);
            throw new ProgramException("invalid scenario " + source,
                    List.of(new Problem(syntax.location(), "not valid JSON: " + syntax.message())));
        }
        if (root == null || !root.isObject()) {
            throw bad(source, "$", "a scenario is a JSON object with given, when and then");
        }
        known(root, TOP, "$", source);
        String name = text(root, "name", "$", source);
        if (name != null && !visible(name)) {
            // a test without a name cannot be reported, nor run by JUnit (a blank display name throws)
            throw bad(source, "$.name", "must not be blank, was " + root.get("name"));
        }
        JsonNode g = object(root, "given", "$", source);
        known(g, GIVEN, "$.given", source);
        String member = member(g, source);
        Map<String, String> attributes = new TreeMap<>();
        JsonNode attrs = object(g, "attributes", "$.given", source);
        for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw bad(source, "$.given.attributes." + e.getKey(), "must be a string, number or boolean, was "
                        + e.getValue());
            }
            attributes.put(e.getKey(), e.getValue().asText());
        }
        Set<String> tags = new LinkedHashSet<>();
        List<String> written = strings(g, "tags", "$.given", source);
        for (int i = 0; i < written.size(); i++) {
            if (!tags.add(written.get(i))) {
                throw bad(source, "$.given.tags[" + i + "]", "repeats \"" + written.get(i) + "\"; name each tag once");
            }
        }
        Given given = new Given(member, time(g, "enrolledAt", "$.given", source), text(g, "tier", "$.given", source),
                attributes, tags, events(g.get("events"), member, "given", "$.given.events", source));
        JsonNode whenNode = root.get("when");
        if (whenNode == null || !whenNode.isArray() || whenNode.isEmpty()) {
            throw bad(source, "$.when", "must be a non-empty array of events, was " + whenNode);
        }
        List<String> when = events(whenNode, member, "when", "$.when", source);
        if (!root.has("then")) {
            // missing, as other required fields are said to be; an empty then is told what to name below
            throw bad(source, "$.then", "is required (at least one expectation, one of " + EXPECTATIONS + ")");
        }
        JsonNode t = object(root, "then", "$", source);
        known(t, THEN, "$.then", source);
        if (!t.fieldNames().hasNext() || (t.size() == 1 && t.has("asOf"))) {
            // asOf only lets time pass: without a check the scenario would pass whatever the program did
            throw bad(source, "$.then", "must name at least one expectation, one of " + EXPECTATIONS);
        }
        List<ExpectedPosting> postings = null;
        if (t.has("postings")) {
            postings = new ArrayList<>();
            int i = 0;
            for (JsonNode p : array(t, "postings", source)) {
                String at = "$.then.postings[" + i++ + "]";
                known(p, Set.of("type", "points", "rule"), at, source);
                String type = oneOf(p, "type", POSTING_TYPES, at, source);
                String rule = text(p, "rule", at, source);
                if (rule != null && !visible(rule)) {
                    // no rule has a blank name: the expectation could only fail
                    throw bad(source, at + ".rule", "must not be blank (leave it out not to check the rule), was "
                            + p.get("rule"));
                }
                postings.add(new ExpectedPosting(type == null ? "EARN" : type,
                        integer(required(p, "points", at, source), "points", at, source), rule));
            }
        }
        List<ExpectedCap> caps = null;
        if (t.has("caps")) {
            caps = new ArrayList<>();
            int i = 0;
            for (JsonNode c : array(t, "caps", source)) {
                String at = "$.then.caps[" + i++ + "]";
                known(c, Set.of("cap", "headroom", "withheld"), at, source);
                caps.add(new ExpectedCap(text(required(c, "cap", at, source), "cap", at, source),
                        integer(c, "headroom", at, source), integer(c, "withheld", at, source)));
            }
        }
        List<ExpectedBenefit> benefits = null;
        if (t.has("benefits")) {
            benefits = new ArrayList<>();
            int i = 0;
            for (JsonNode b : array(t, "benefits", source)) {
                String at = "$.then.benefits[" + i++ + "]";
                known(b, Set.of("benefit", "outcome"), at, source);
                benefits.add(new ExpectedBenefit(text(required(b, "benefit", at, source), "benefit", at, source),
                        oneOf(required(b, "outcome", at, source), "outcome", BENEFIT_OUTCOMES, at, source)));
            }
        }
        List<String> flags = t.has("riskFlags") ? strings(t, "riskFlags", "$.then", source) : null;
        String growth = t.has("growth") ? decimalText(t.get("growth"), "$.then.growth", source) : null;
        String refusal = text(t, "refusal", "$.then", source);
        Map<String, String> refusals = t.has("refusals") ? refusals(t.get("refusals"), ids(whenNode), refusal, source)
                : null;
        Then then = new Then(time(t, "asOf", "$.then", source), integer(t, "pointsAwarded", "$.then", source),
                integer(t, "pointsAvailable", "$.then", source), integer(t, "pointsPending", "$.then", source), growth,
                text(t, "tier", "$.then", source), oneOf(t, "status", STATUSES, "$.then", source), postings, caps,
                benefits, flags, refusal, refusals);
        return new Scenario(name == null ? defaultName : name, source, text(root, "description", "$", source), given,
                when, then);
    }

    /** The ids of the {@code when} events as the event reader reads them: trimmed, {@code when-N} when left out. */
    private static List<String> ids(JsonNode when) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < when.size(); i++) {
            JsonNode id = when.get(i).get("id");
            ids.add(id == null ? "when-" + (i + 1) : EventReader.idText(id));
        }
        return ids;
    }

    /**
     * {@code then.refusals}: each key the id of a {@code when} event, each value the refusal code expected of it. The
     * last event's refusal is expected in one place only, {@code refusal} or here.
     */
    private static Map<String, String> refusals(JsonNode node, List<String> whenIds, String refusal, String source) {
        if (!node.isObject() || node.isEmpty()) {
            throw bad(source, "$.then.refusals", "must map when event ids to refusal codes ({\"x1\": \"CODE\"}), was "
                    + node);
        }
        Map<String, String> refusals = new LinkedHashMap<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String id = it.next();
            String at = "$.then.refusals." + id;
            if (!whenIds.contains(id)) {
                throw bad(source, at, "no when event has this id; when event ids: " + whenIds);
            }
            if (refusal != null && id.equals(whenIds.get(whenIds.size() - 1))) {
                throw bad(source, at, "the last when event's refusal is already expected by $.then.refusal");
            }
            JsonNode code = node.get(id);
            if (code.isNull()) {
                throw bad(source, at, "null; leave the field out or give a value");
            }
            if (!code.isTextual() || !visible(code.asText())) {
                throw bad(source, at, "must be a refusal code, was " + code);
            }
            refusals.put(id, code.asText());
        }
        return refusals;
    }

    /** Each event as one JSON line, with {@code member} and {@code id} filled in when the author left them out. */
    private static List<String> events(JsonNode array, String member, String idPrefix, String path, String source) {
        List<String> lines = new ArrayList<>();
        if (array == null || array.isNull()) {
            return lines;
        }
        if (!array.isArray()) {
            throw bad(source, path, "must be an array of events, was " + array);
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode e = array.get(i);
            if (!e.isObject()) {
                throw bad(source, path + "[" + i + "]", "must be an event object, was " + e);
            }
            for (String field : List.of("id", "member")) {
                JsonNode value = e.get(field);
                if (value != null && (EventReader.idText(value) == null
                        || value.isTextual() && !visible(value.asText()))) {
                    throw bad(source, path + "[" + i + "]." + field, value.isNull()
                            ? "null; leave the field out or give a value"
                            : "must be a non-blank string or a whole number, was " + value);
                }
            }
            JsonNode of = e.get("member");
            if (of != null && !EventReader.idText(of).equals(member)) {
                // the runner builds one member: the engine would refuse to apply another's event to it
                throw bad(source, path + "[" + i + "].member", "must be the scenario's member \"" + member
                        + "\" (given.member), was " + of + "; a scenario tests one member");
            }
            JsonNode at = e.get("at");
            if (at != null && !at.isTextual()) {
                // the event reader reads a whole number as YYYYMMDD; the schema, like the event format, says a string
                throw bad(source, path + "[" + i + "].at", "must be a string (an instant, a local date-time or a"
                        + " date), was " + at);
            }
            ObjectNode copy = ((ObjectNode) e).deepCopy();
            if (!copy.has("member")) {
                copy.put("member", member);
            }
            if (!copy.has("id")) {
                copy.put("id", idPrefix + "-" + (i + 1));
            }
            lines.add(copy.toString());
        }
        return lines;
    }

    /** Refuses a field {@code allowed} does not name, and a field written as null (it would check nothing). */
    private static void known(JsonNode node, Set<String> allowed, String path, String source) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw bad(source, path + "." + field, "unknown field; allowed: " + new TreeSet<>(allowed)
                        + NearMiss.suggestion(field, allowed));
            }
            if (node.get(field).isNull()) {
                throw bad(source, path + "." + field, "null; leave the field out or give a value");
            }
        }
    }

    /** Whether {@code text} holds a character that is neither white space nor a control character. */
    static boolean visible(String text) {
        return ProgramText.visible(text);
    }

    private static Set<String> sorted(List<String> names) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(names));
    }

    /** The member id, trimmed as the event reader trims ids; "m1" when left out. */
    private static String member(JsonNode given, String source) {
        String member = text(given, "member", "$.given", source);
        if (member == null) {
            return "m1";
        }
        if (!visible(member)) {
            throw bad(source, "$.given.member", "must not be blank, was " + given.get("member"));
        }
        return member.trim();
    }

    /** {@code node} itself, once it is known to have {@code field}. */
    private static JsonNode required(JsonNode node, String field, String path, String source) {
        if (!node.has(field)) {
            throw bad(source, path + "." + field, "is required");
        }
        return node;
    }

    /** A string that must be one of {@code allowed}, exactly as written there (no case folding). */
    private static String oneOf(JsonNode node, String field, List<String> allowed, String path, String source) {
        String value = text(node, field, path, source);
        if (value != null && !allowed.contains(value)) {
            throw bad(source, path + "." + field, "must be one of " + allowed + ", was " + node.get(field));
        }
        return value;
    }

    private static JsonNode object(JsonNode node, String field, String path, String source) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return JSON.createObjectNode();
        }
        if (!value.isObject()) {
            throw bad(source, path + "." + field, "must be an object, was " + value);
        }
        return value;
    }

    private static JsonNode array(JsonNode node, String field, String source) {
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw bad(source, "$.then." + field, "must be an array, was " + value);
        }
        return value;
    }

    private static String text(JsonNode node, String field, String path, String source) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw bad(source, path + "." + field, "must be a string, was " + value);
        }
        return value.asText();
    }

    /**
     * A time in one of the {@link #TIME} forms that names a real instant: read here in UTC, so a bad one is refused at
     * its JSON path when the file is read; the runner reads it again in the program's zone.
     */
    private static String time(JsonNode node, String field, String path, String source) {
        String text = text(node, field, path, source);
        if (text == null) {
            return null;
        }
        if (!TIME.matcher(text).find()) {
            throw bad(source, path + "." + field, "must be a date (2025-03-03 or 20250303), a local date-time"
                    + " (2025-03-03T10:00:00) or an instant (2025-03-03T10:00:00Z), was " + node.get(field));
        }
        try {
            EventReader.instant(text, ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            throw bad(source, path + "." + field, e.getMessage());
        }
        return text;
    }

    private static Long integer(JsonNode node, String field, String path, String source) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        // JSON Schema's integer: any number without a fraction, so 120.0 is 120 (and 120.5 is refused)
        try {
            if (value.isNumber()) {
                return value.decimalValue().longValueExact();
            }
        } catch (ArithmeticException e) {
            if (value.decimalValue().stripTrailingZeros().scale() <= 0) {
                throw bad(source, path + "." + field, "must be an integer from " + Long.MIN_VALUE + " to "
                        + Long.MAX_VALUE + ", was " + value.decimalValue().toPlainString());
            }
        }
        throw bad(source, path + "." + field, "must be an integer, was "
                + (value.isNumber() ? value.decimalValue().toPlainString() : value.toString()));
    }

    private static String decimalText(JsonNode value, String path, String source) {
        try {
            if (value.isNumber() || value.isTextual() && DECIMAL.matcher(value.asText()).matches()) {
                return new java.math.BigDecimal(value.asText()).stripTrailingZeros().toPlainString();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(source, path, "must be a decimal (\"600\" or 600), was " + value);
    }

    private static List<String> strings(JsonNode node, String field, String path, String source) {
        JsonNode value = node.get(field);
        List<String> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (!value.isArray()) {
            throw bad(source, path + "." + field, "must be an array of strings, was " + value);
        }
        for (JsonNode v : value) {
            if (!v.isTextual()) {
                throw bad(source, path + "." + field, "must be an array of strings, was " + value);
            }
            out.add(v.asText());
        }
        return out;
    }

    private static ProgramException bad(String source, String path, String message) {
        return new ProgramException("invalid scenario " + source, List.of(new Problem(source + " " + path, message)));
    }
}
