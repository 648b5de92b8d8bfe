package org.loyaltyrules.rules.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.base.ObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.reteoo.InitialFactImpl;
import org.drools.base.rule.EntryPointId;
import org.drools.core.impl.InternalRuleBase;
import org.drools.compiler.builder.impl.KnowledgeBuilderImpl;
import org.drools.compiler.compiler.DescrBuildError;
import org.drools.compiler.compiler.RuleBuildError;
import org.drools.drl.parser.ParserError;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.builder.ResultSeverity;
import org.kie.internal.io.ResourceFactory;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramException;

/**
 * A compiled rule pack: the KieBase and, for every rule, where it is written and what it is for. Compiled with its
 * own KnowledgeBuilder and one explicit class loader (no KieHelper, no kmodule containers), so concurrent builds
 * never share state. Immutable and safe to share between threads; sessions are created per evaluation.
 */
public final class RulePack {

    /** The ruleflow groups the engine fires, in this order. */
    public static final List<String> GROUPS = List.of("eligibility", "earning", "risk", "tier", "benefit");

    private static final Pattern RULE_HEADER = Pattern.compile("^\\s*rule\\s+(\"([^\"]+)\"|'([^']+)'|(\\S+))");
    private static final Pattern INTENT = Pattern.compile("@intent\\s*\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");
    private static final Pattern GROUP = Pattern.compile("ruleflow-group\\s+\"([^\"]+)\"");

    private final KieBase kieBase;
    private final Map<String, RuleInfo> rules;
    private final List<Problem> warnings;
    private final String allText;
    private final List<ObjectType> patternTypes;
    private final ClassValue<Boolean> matched = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (ObjectType pattern : patternTypes) {
                if (pattern.isAssignableFrom(type)) {
                    return true;
                }
            }
            return false;
        }
    };

    private final List<String> origins;

    private RulePack(KieBase kieBase, Map<String, RuleInfo> rules, List<Problem> warnings, String allText,
                     List<String> origins) {
        this(kieBase, rules, warnings, allText, origins, patternTypes(kieBase));
    }

    private RulePack(KieBase kieBase, Map<String, RuleInfo> rules, List<Problem> warnings, String allText,
                     List<String> origins, List<ObjectType> patternTypes) {
        this.kieBase = kieBase;
        this.rules = rules;
        this.warnings = warnings;
        this.allText = allText;
        this.origins = origins;
        this.patternTypes = patternTypes;
    }

    private static List<ObjectType> patternTypes(KieBase kieBase) {
        List<ObjectType> types = new ArrayList<>();
        for (ObjectType type : ((InternalRuleBase) kieBase).getRete().getObjectTypeNodes(EntryPointId.DEFAULT).keySet()) {
            if (!type.isAssignableFrom(InitialFactImpl.class)) {
                types.add(type);
            }
        }
        return List.copyOf(types);
    }

    /**
     * Whether some rule's pattern can match a fact of this class. A fact that no pattern can match changes nothing
     * in a session (no rule sees it), so the engine does not insert it: every insertion costs the session work
     * (fact handle, object store, propagation) whether or not a rule reads the fact.
     */
    public boolean matches(Class<?> type) {
        return matched.get(type);
    }

    /**
     * Whether any rule of the pack mentions the fact type {@code simpleName} (outside comments and strings), so the
     * engine can skip deriving facts that no rule reads (e.g. the member insight).
     */
    public boolean mentions(String simpleName) {
        return java.util.regex.Pattern.compile("\\b" + simpleName + "\\b").matcher(allText).find();
    }

    private static final RecentlyUsed<List<List<String>>, RulePack> CACHE = new RecentlyUsed<>(32);

    /**
     * Like {@link #compile}, but reuses the pack compiled earlier from the same rule files (same paths and text, read
     * from anywhere): a KieBase is immutable, so programs that differ only in program.json numbers share one, and a
     * copy of a program folder (a what-if candidate) costs no second compile. The pack returned names the files as
     * {@code sources} do (their origins) in rule locations and warnings.
     */
    public static RulePack compileCached(List<RuleSource> sources) {
        List<RuleSource> given = List.copyOf(sources);
        List<List<String>> key = new ArrayList<>(given.size());
        for (RuleSource source : given) {
            key.add(List.of(source.path(), source.text()));
        }
        return CACHE.get(key, k -> compile(given)).readFrom(given);
    }

    /** This pack with the origins of {@code sources} (the same files, in the same order, read from elsewhere). */
    private RulePack readFrom(List<RuleSource> sources) {
        Map<String, String> moved = new LinkedHashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            if (!origins.get(i).equals(sources.get(i).origin())) {
                moved.put(origins.get(i), sources.get(i).origin());
            }
        }
        if (moved.isEmpty()) {
            return this;
        }
        Map<String, RuleInfo> renamed = new LinkedHashMap<>();
        rules.forEach((name, info) -> renamed.put(name, new RuleInfo(info.name(),
                moved.getOrDefault(info.file(), info.file()), info.line(), info.intent(), info.group())));
        List<Problem> located = new ArrayList<>();
        for (Problem warning : warnings) {
            String location = warning.location();
            String message = warning.message();
            for (Map.Entry<String, String> m : moved.entrySet()) {
                if (location.equals(m.getKey()) || location.startsWith(m.getKey() + ":")) {
                    location = m.getValue() + location.substring(m.getKey().length());
                }
                message = message.replace(m.getKey(), m.getValue());
            }
            located.add(new Problem(location, message));
        }
        return new RulePack(kieBase, Map.copyOf(renamed), List.copyOf(located), allText,
                sources.stream().map(RuleSource::origin).toList(), patternTypes);
    }

    /**
     * Compiles the sources; throws {@link ProgramException} with one problem per error, located as
     * {@code file:line:column} and naming the rule where known.
     */
    public static RulePack compile(List<RuleSource> sources) {
        return compile(sources, EnumSet.allOf(Check.class));
    }

    /**
     * The checks a pack must pass before it may run, in this order (the pack guard's class loader always applies).
     * Tests switch some off to show that each later one holds on its own.
     */
    enum Check {
        /** {@link DrlLint}: friendly messages for the obvious cases. */
        LINT,
        /** {@link DrlGuard#checkSource}: every name in the text, before Drools evaluates any of it. */
        SOURCE,
        /** {@link DrlGuard#checkCompiled}: the constant pools of the compiled rule classes. */
        COMPILED
    }

    static RulePack compile(List<RuleSource> sources, Set<Check> checks) {
        try {
            return build(sources, checks);
        } catch (StackOverflowError e) {
            // Drools' recursive-descent DRL parser (which the checks use too): a condition nested a few hundred levels
            // deep overflows the stack; a problem at the file and line, not an error that ends the program
            throw new ProgramException("rule pack is nested too deeply to parse", List.of(tooDeep(sources)));
        } catch (RuntimeException e) {
            // the consequences are compiled on other threads, which hand back an overflow wrapped
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof StackOverflowError) {
                    throw new ProgramException("rule pack is nested too deeply to compile", List.of(tooDeep(sources)));
                }
            }
            throw e;
        }
    }

    private static RulePack build(List<RuleSource> sources, Set<Check> checks) {
        ClassLoader classes = RulePack.class.getClassLoader();
        KnowledgeBuilderConfiguration conf = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null,
                DrlGuard.loader(classes));
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(conf);
        Map<String, RuleSource> byOrigin = new LinkedHashMap<>();
        Map<String, List<RuleInfo>> declared = new LinkedHashMap<>();
        List<Problem> lintErrors = new ArrayList<>();
        List<Problem> lintWarnings = new ArrayList<>();
        List<Problem> mistakes = new ArrayList<>();
        Map<String, Fences> fenced = new java.util.HashMap<>();
        for (RuleSource source : sources) {
            List<Problem> fences = DrlLint.fences(source);
            if (!fences.isEmpty()) {
                Set<Integer> lines = new java.util.HashSet<>();
                for (Problem fence : fences) { // located <origin>:<line>:<column>
                    lines.add(Integer.parseInt(fence.location().substring(source.origin().length() + 1).split(":")[0]));
                }
                fenced.put(source.origin(), new Fences(lines, source.text().lines().count()));
                mistakes.addAll(fences);
            }
            mistakes.addAll(DrlLint.mistakes(source));
            if (checks.contains(Check.LINT)) {
                lintErrors.addAll(DrlLint.errors(source));
            }
            lintWarnings.addAll(DrlLint.warnings(source));
        }
        if (!lintErrors.isEmpty()) {
            throw new ProgramException("rule pack uses forbidden Java (" + lintErrors.size() + " problem(s))", lintErrors);
        }
        if (checks.contains(Check.SOURCE)) {
            refuse(DrlGuard.checkSource(sources, classes));
        }
        // one batch: the files are parsed first and their consequences compiled together (one Java compile, not one
        // per file, each of which looked up the classes the rules use again)
        CompositeKnowledgeBuilder batch = builder.batch();
        for (RuleSource source : sources) {
            Resource resource = ResourceFactory.newByteArrayResource(source.text().getBytes(StandardCharsets.UTF_8));
            resource.setSourcePath(source.origin());
            batch.add(resource, ResourceType.DRL);
            byOrigin.put(source.origin(), source);
            declared.put(source.origin(), scan(source));
        }
        batch.build();
        List<Problem> problems = new ArrayList<>(mistakes);
        boolean otherErrors = false;
        for (KnowledgeBuilderError error : builder.getErrors()) {
            otherErrors |= !isNullPackage(error);
        }
        Set<String> duplicates = duplicateNames(declared);
        // an import Drools cannot load fails every rule of the files that share its package, each with "Only a type
        // can be imported. X resolves to a package": the import is told once, at its line, and the rest not again
        Set<String> unloadable = new LinkedHashSet<>();
        for (KnowledgeBuilderError error : builder.getErrors()) {
            String imported = failedImport(error);
            if (imported != null && unloadable.add(imported)) {
                problems.add(unloadableImport(imported, fileOf(error), byOrigin.get(fileOf(error))));
            }
        }
        for (KnowledgeBuilderError error : builder.getErrors()) {
            String message = String.valueOf(error.getMessage());
            if (failedImport(error) != null || unloadable.stream().anyMatch(c -> message.contains(
                    "Only a type can be imported. " + c + " resolves to a package"))) {
                continue;
            }
            // Drools adds "null Package" after a parse error of the same file; then it says nothing more. Its
            // "Duplicate rule name" names one place only, and the Java class it names after the rule is then
            // "already defined": the check below names both places, so a duplicate is reported once, there
            // a code fence is named above; the parser's own error for it has no line and quotes its internals
            // (backticks), or is at the fence line ("mismatched input '~'") or past the file's end ("'<eof>'")
            Fences fences = fenced.get(fileOf(error));
            boolean fence = fences != null && fences.causes(lineOf(error));
            if (!(otherErrors && isNullPackage(error)) && !isDuplicateName(error)
                    && !isDuplicateClass(error, duplicates, declared) && !fence) {
                problems.add(locate(error, declared));
            }
        }
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        List<Problem> warnings = new ArrayList<>(lintWarnings);
        warnings.addAll(PackCrossCheck.shadowedRules(sources));
        for (List<RuleInfo> infos : declared.values()) {
            for (RuleInfo info : infos) {
                RuleInfo earlier = rules.putIfAbsent(info.name(), info);
                String where = info.file() + ":" + info.line();
                if (earlier != null) {
                    problems.add(new Problem(where, "rule \"" + info.name() + "\" is also declared at "
                            + earlier.file() + ":" + earlier.line() + "; rule names must be unique"));
                }
                if (info.group().isEmpty()) {
                    problems.add(new Problem(where, "rule \"" + info.name() + "\" has no ruleflow-group; it must be one of "
                            + GROUPS));
                } else if (!GROUPS.contains(info.group())) {
                    problems.add(new Problem(where, "rule \"" + info.name() + "\" has ruleflow-group \"" + info.group()
                            + "\"; it must be one of " + GROUPS));
                }
                if (info.intent().isBlank()) {
                    warnings.add(new Problem(where, "rule \"" + info.name()
                            + "\" has no @intent(\"...\"); explanations will show only its name"));
                }
            }
        }
        if (builder.hasResults(ResultSeverity.WARNING)) {
            for (KnowledgeBuilderResult result : builder.getResults(ResultSeverity.WARNING)) {
                warnings.add(new Problem(String.valueOf(result.getResource()), result.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ProgramException("rule pack does not compile (" + problems.size() + " problem(s))", problems);
        }
        if (checks.contains(Check.COMPILED)) {
            refuse(DrlGuard.checkCompiled(builder, sources));
        }
        // the KieBase loads the compiled rules under the guard's class loader too (newKieBase() would use the default)
        KnowledgeBuilderImpl impl = (KnowledgeBuilderImpl) builder;
        KieBase kieBase = impl.newKnowledgeBase(
                KieServices.get().newKieBaseConfiguration(null, impl.getRootClassLoader()));
        // prefer what Drools parsed (metadata) over the text scan where both exist
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                RuleInfo info = rules.get(rule.getName());
                Object intent = rule.getMetaData().get("intent");
                String origin = rule instanceof RuleImpl && ((RuleImpl) rule).getResource() != null
                        ? ((RuleImpl) rule).getResource().getSourcePath() : info == null ? "" : info.file();
                rules.put(rule.getName(), new RuleInfo(rule.getName(), origin, info == null ? 0 : info.line(),
                        intent == null ? (info == null ? "" : info.intent()) : String.valueOf(intent).replace("\\\"", "\""),
                        info == null ? "" : info.group()));
            }
        }
        StringBuilder all = new StringBuilder();
        for (RuleSource source : sources) {
            all.append(DrlLint.withoutCommentsAndStrings(source.text())).append('\n');
        }
        return new RulePack(kieBase, Map.copyOf(rules), List.copyOf(warnings), all.toString(),
                sources.stream().map(RuleSource::origin).toList());
    }

    private static void refuse(List<Problem> guarded) {
        if (!guarded.isEmpty()) {
            throw new ProgramException("rule pack reaches what rules may not use (" + guarded.size() + " problem(s))",
                    guarded);
        }
    }

    /** Finds each rule's name, line, @intent and ruleflow-group in the text, for locations Drools does not keep. */
    static List<RuleInfo> scan(RuleSource source) {
        List<RuleInfo> found = new ArrayList<>();
        String[] lines = source.text().split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].trim().startsWith("//")) {
                continue;
            }
            Matcher header = RULE_HEADER.matcher(lines[i]);
            if (!header.find()) {
                continue;
            }
            String name = header.group(2) != null ? header.group(2) : header.group(3) != null ? header.group(3) : header.group(4);
            StringBuilder head = new StringBuilder();
            for (int j = i; j < lines.length && !lines[j].trim().equals("when") && !lines[j].trim().startsWith("when"); j++) {
                head.append(lines[j]).append('\n');
            }
            Matcher intent = INTENT.matcher(head);
            Matcher group = GROUP.matcher(head);
            found.add(new RuleInfo(name, source.origin(), i + 1, intent.find() ? intent.group(1) : "",
                    group.find() ? group.group(1) : ""));
        }
        return found;
    }

    private static boolean isDuplicateName(KnowledgeBuilderError error) {
        return error.getMessage() != null && error.getMessage().startsWith("Duplicate rule name");
    }

    /** The rule names declared more than once in the pack. */
    private static Set<String> duplicateNames(Map<String, List<RuleInfo>> declared) {
        Set<String> seen = new java.util.HashSet<>();
        Set<String> twice = new java.util.HashSet<>();
        for (List<RuleInfo> infos : declared.values()) {
            for (RuleInfo info : infos) {
                if (!seen.add(info.name())) {
                    twice.add(info.name());
                }
            }
        }
        return twice;
    }

    /** Drools' "The type Rule_<name>... is already defined": the Java class of a rule whose name is declared twice. */
    private static boolean isDuplicateClass(KnowledgeBuilderError error, Set<String> duplicates,
                                            Map<String, List<RuleInfo>> declared) {
        String message = error.getMessage();
        return message != null && message.contains("The type Rule_") && message.contains("is already defined")
                && duplicates.contains(ruleOf(error, declared));
    }

    private static final Pattern FAILED_IMPORT = Pattern.compile("Error importing : '([\\w.$]+)'");

    /** The class of an import Drools could not load, or null. */
    private static String failedImport(KnowledgeBuilderError error) {
        Matcher m = FAILED_IMPORT.matcher(String.valueOf(error.getMessage()));
        return m.find() ? m.group(1) : null;
    }

    /** An import no rule pack can load, at the line that imports it (the file's first line when none is found). */
    private static Problem unloadableImport(String imported, String file, RuleSource source) {
        int line = 1;
        if (source != null) {
            Pattern statement = Pattern.compile("^\\s*import\\s+" + Pattern.quote(imported) + "\\s*;?\\s*$");
            String[] lines = source.text().split("\\R", -1);
            for (int i = 0; i < lines.length; i++) {
                if (statement.matcher(lines[i]).matches()) {
                    line = i + 1;
                    break;
                }
            }
        }
        return new Problem(file + ":" + line, "import " + imported + " cannot be loaded: no such class is on the"
                + " class path, or it " + Reach.OUTSIDE.why().substring("which ".length()));
    }

    private static boolean isNullPackage(KnowledgeBuilderError error) {
        return error.getMessage() != null && error.getMessage().contains("Parser returned a null Package");
    }

    private static Problem locate(KnowledgeBuilderError error, Map<String, List<RuleInfo>> declared) {
        String file = fileOf(error);
        int line = lineOf(error);
        // Drools counts columns from 0 ("Line 8:40" is the 41st character); locations count from 1, as the lint's
        // and the guard's do and editors expect. A build error sits at the pattern or condition it names, a
        // consequence's Java error at its rule (Drools does not map it to its own line).
        int column = error instanceof ParserError ? ((ParserError) error).getCol()
                : error instanceof DescrBuildError ? ((DescrBuildError) error).getColumn() : -1;
        String rule = ruleOf(error, declared);
        String where = file + ":" + line + (line > 0 && column >= 0 ? ":" + (column + 1) : "");
        String message = error.getMessage().replaceAll("\\s+", " ").trim(); // MVEL pads its caret line with spaces
        return new Problem(where, (rule == null ? "" : "rule \"" + rule + "\": ") + message + FactHints.of(message));
    }

    /** The rule an error is in: as Drools names it, else the last rule declared at or before its line; or null. */
    private static String ruleOf(KnowledgeBuilderError error, Map<String, List<RuleInfo>> declared) {
        if (error instanceof RuleBuildError && ((RuleBuildError) error).getRule() != null) {
            return ((RuleBuildError) error).getRule().getName();
        }
        int line = lineOf(error);
        String rule = null;
        for (RuleInfo info : line > 0 ? declared.getOrDefault(fileOf(error), List.of()) : List.<RuleInfo>of()) {
            if (info.line() <= line) {
                rule = info.name();
            }
        }
        return rule;
    }

    private static String fileOf(KnowledgeBuilderError error) {
        return error.getResource() == null ? "<unknown>" : error.getResource().getSourcePath();
    }

    /**
     * Where the parser's stack ran out: the file and line of the deepest parenthesis nesting of all the files (outside
     * comments and strings), the likeliest cause.
     */
    static Problem tooDeep(List<RuleSource> sources) {
        RuleSource deepestFile = sources.get(0);
        int deepest = 0;
        int deepestLine = 1;
        for (RuleSource source : sources) {
            String text = DrlLint.withoutCommentsAndStrings(source.text());
            int depth = 0;
            int line = 1;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n') {
                    line++;
                } else if (c == '(' && ++depth > deepest) {
                    deepest = depth;
                    deepestLine = line;
                    deepestFile = source;
                } else if (c == ')') {
                    depth = Math.max(0, depth - 1);
                }
            }
        }
        return new Problem(deepestFile.origin() + ":" + deepestLine, "the rule files are nested too deeply for the"
                + " DRL parser (" + deepest + " levels of parentheses here, the deepest); write the condition as"
                + " several simpler constraints or patterns");
    }

    /** The lines of a file's Markdown code fences, named by {@link DrlLint#fences}, and its number of lines. */
    private record Fences(Set<Integer> lines, long lastLine) {

        /** Whether Drools' error at {@code line} (0: none) is the parser's own for a fence, so not told again. */
        boolean causes(int line) {
            return line <= 0 || lines.contains(line) || line > lastLine;
        }
    }

    private static int lineOf(KnowledgeBuilderError error) {
        int[] lines = error.getLines();
        return lines != null && lines.length > 0 ? lines[0] : 0;
    }

    public KieBase kieBase() {
        return kieBase;
    }

    public Optional<RuleInfo> rule(String name) {
        return Optional.ofNullable(rules.get(name));
    }

    public Set<String> ruleNames() {
        return rules.keySet();
    }

    public Map<String, RuleInfo> rules() {
        return rules;
    }

    public List<Problem> warnings() {
        return warnings;
    }

    private static final Pattern NAMED_RULE = Pattern.compile("\\[Rule \"([^\"]+)\"");

    /**
     * The rules a failure outside any consequence (a condition, a salience or a calendar Drools evaluates while facts
     * go in or a group fires) most likely comes from, in pack order: those Drools names in its message, else those one
     * of whose condition, salience or calendar texts its messages quote. Empty when none can be told.
     */
    public List<String> suspects(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 20_000; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t.getMessage()).append('\n');
            if (t instanceof org.mvel2.CompileException compile && compile.getExpr() != null) {
                text.append(compile.getExpr()).append('\n');
            }
        }
        List<String> named = new ArrayList<>();
        Matcher m = NAMED_RULE.matcher(text);
        while (m.find()) {
            if (rules.containsKey(m.group(1)) && !named.contains(m.group(1))) {
                named.add(m.group(1));
            }
        }
        if (!named.isEmpty()) {
            return named;
        }
        List<String> quoted = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                if (rule instanceof RuleImpl impl && rules.containsKey(impl.getName())
                        && textsOf(impl).stream().anyMatch(t -> !t.isBlank() && text.indexOf(t) >= 0)) {
                    quoted.add(impl.getName());
                }
            }
        }
        quoted.sort(java.util.Comparator.comparing(name -> new ArrayList<>(rules.keySet()).indexOf(name)));
        return quoted;
    }

    /** What Drools evaluates of a rule outside its consequence, as written: condition expressions, a computed
     * salience, calendar names. */
    private static List<String> textsOf(RuleImpl rule) {
        List<String> texts = new ArrayList<>();
        collectConditions(rule.getLhs(), texts);
        if (rule.getSalience() instanceof org.drools.mvel.expr.MVELSalienceExpression salience) {
            texts.add(salience.getMVELCompilationUnit().getExpression().replace("\"", "").trim());
        }
        if (rule.getCalendars() != null) {
            texts.addAll(List.of(rule.getCalendars()));
        }
        return texts;
    }

    private static void collectConditions(org.drools.base.rule.RuleConditionElement element, List<String> texts) {
        if (element instanceof org.drools.base.rule.Pattern pattern) {
            for (org.drools.base.rule.constraint.Constraint c : pattern.getConstraints()) {
                if (c instanceof org.drools.mvel.MVELConstraint mvel) {
                    texts.add(mvel.getExpression());
                }
            }
        }
        for (org.drools.base.rule.RuleConditionElement nested : element.getNestedElements()) {
            collectConditions(nested, texts);
        }
    }
}
