package org.loyaltyrules.rules.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.DialectRuntimeData;
import org.drools.base.rule.Function;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.drools.mvel.asm.InvokerDataProvider;
import org.kie.api.definition.KiePackage;
import org.kie.internal.builder.KnowledgeBuilder;
import org.loyaltyrules.rules.internal.DrlTokens.Kind;
import org.loyaltyrules.rules.internal.DrlTokens.Token;
import org.loyaltyrules.rules.program.Problem;
import org.mvel2.compiler.AbstractParser;

/**
 * The rule pack guard: DRL may not stop the JVM, start processes, read or write files, open sockets, start threads or
 * use reflection, whatever way it is written. {@link DrlLint} is the fast, friendly first line; this guard does not
 * rely on it. Three layers, all before any rule fires:
 * <ol>
 * <li>{@link #checkSource}, before Drools sees the text (Drools evaluates annotation values with MVEL while it
 * builds): every name in the DRL — imports, annotations, attributes, patterns, MVEL expressions and Java code, read
 * with and without unicode escapes, across lines and spaces — is resolved the way MVEL and Java resolve it (MVEL's
 * built-in class names, the imports of every file of the pack, the packages, java.lang, fully qualified names) and
 * checked against {@link Reach}; member names that lead to reflection ({@code getClass}, {@code forName},
 * {@code getMethod} ...) and parallel streams are refused whatever their receiver; {@code dialect "mvel"} is refused,
 * so every consequence is Java, compiled, and seen by the next layer. MVEL (patterns, {@code from}, salience,
 * annotations) is checked here only: it is interpreted, by reflection.</li>
 * <li>{@link #checkCompiled}, after Drools compiled the pack and before the KieBase exists: the constant pool of
 * every class Drools compiled for the pack (consequences, evals, inline accumulates, functions, anonymous and local
 * classes, lambdas' targets) must refer only to what {@link Reach} allows — this holds however the source was
 * spelled. Only Drools' invokers, which rule code cannot write, are held to the capabilities alone.</li>
 * <li>{@link #loader}: the pack is compiled and run under a class loader that refuses to load System, Runtime,
 * processes, threads, timers, executors, reflection, files and sockets, so generated code that still referred to
 * them would fail to link (NoClassDefFoundError) instead of running.</li>
 * </ol>
 * What it cannot see: what a fact class or a method of an allowed class does inside (the JDK's own code, or an
 * embedding application's facts, run with full rights).
 */
final class DrlGuard {

    private DrlGuard() {
    }

    /** A parent class loader for compiling and running a pack: it will not load the classes behind a capability. */
    static ClassLoader loader(ClassLoader parent) {
        return new LinkGuard(parent);
    }

    private static final class LinkGuard extends ClassLoader {

        static {
            registerAsParallelCapable();
        }

        LinkGuard(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (Reach.refusedAtLink(name)) {
                throw new ClassNotFoundException(name + " is refused to rule packs (pack guard)");
            }
            return super.loadClass(name, resolve);
        }
    }

    // ---------------------------------------------------------------------------------------------- source check

    /** Problems in the DRL text, one per refused name, located file:line:column with the rule it is in. */
    static List<Problem> checkSource(List<RuleSource> sources, ClassLoader classes) {
        // Drools merges the imports of every file of a package, so simple names resolve against all files' imports
        Imports imports = new Imports();
        Map<RuleSource, List<List<Token>>> readings = new LinkedHashMap<>();
        for (RuleSource source : sources) {
            List<List<Token>> both = List.of(DrlTokens.read(source.text(), false), DrlTokens.read(source.text(), true));
            both.forEach(imports::collect);
            readings.put(source, both);
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, Class<?>> resolved = new HashMap<>(); // names tried, for all files
        for (Map.Entry<RuleSource, List<List<Token>>> entry : readings.entrySet()) {
            List<RuleInfo> rules = RulePack.scan(entry.getKey());
            Map<String, Problem> found = new LinkedHashMap<>(); // by line:column: both readings find most things
            for (List<Token> tokens : entry.getValue()) {
                new SourceCheck(entry.getKey(), rules, tokens, classes, imports, resolved, found).run();
            }
            problems.addAll(found.values());
        }
        return problems;
    }

    /** What the pack's files import ({@code import} targets and wildcard packages) and their packages. */
    private static final class Imports {
        final List<String> classes = new ArrayList<>();
        final List<String> packages = new ArrayList<>(List.of("java.lang"));

        void collect(List<Token> tokens) {
            for (int i = 0; i + 1 < tokens.size(); i++) {
                boolean isImport = isWord(tokens.get(i), "import");
                if (!isImport && !(i == 0 && isWord(tokens.get(i), "package"))) {
                    continue;
                }
                int j = i + 1;
                if (isImport && (isWord(tokens.get(j), "static") || isWord(tokens.get(j), "function")
                        || isWord(tokens.get(j), "accumulate"))) {
                    j++;
                }
                List<String> parts = new ArrayList<>();
                while (j < tokens.size() && tokens.get(j).kind() == Kind.IDENTIFIER) {
                    parts.add(tokens.get(j).text());
                    if (j + 1 < tokens.size() && tokens.get(j + 1).kind() == Kind.DOT) {
                        j += 2;
                    } else {
                        break;
                    }
                }
                boolean wildcard = j < tokens.size() && tokens.get(j).text().equals("*");
                List<String> into = !isImport || wildcard ? packages : classes;
                String name = String.join(".", parts);
                if (!name.isEmpty() && !into.contains(name)) {
                    into.add(name);
                }
            }
        }
    }

    private static boolean isWord(Token token, String word) {
        return token.isWord(word);
    }

    private static final class SourceCheck {
        private final RuleSource source;
        private final List<RuleInfo> rules;
        private final List<Token> tokens;
        private final ClassLoader classes;
        private final Imports imports;
        private final Map<String, Class<?>> resolved;
        private final Map<String, Problem> found;

        SourceCheck(RuleSource source, List<RuleInfo> rules, List<Token> tokens, ClassLoader classes, Imports imports,
                    Map<String, Class<?>> resolved, Map<String, Problem> found) {
            this.source = source;
            this.rules = rules;
            this.tokens = tokens;
            this.classes = classes;
            this.imports = imports;
            this.resolved = resolved;
            this.found = found;
        }

        void run() {
            for (int i = 0; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                if (token.kind() != Kind.IDENTIFIER) {
                    continue;
                }
                boolean member = i > 0 && tokens.get(i - 1).kind() == Kind.DOT;
                boolean call = i + 1 < tokens.size() && tokens.get(i + 1).text().equals("(");
                checkName(token, member, call);
                if (member && call && Reach.STATIC_EFFECTS.containsKey(token.text()) && !receiverIsClass(i)) {
                    refuseStaticThroughInstance(token);
                }
                if (token.text().equals("dialect") && i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.STRING
                        && !tokens.get(i + 1).text().equals("java")) {
                    refuse(token, "uses dialect \"" + tokens.get(i + 1).text() + "\"; rule packs must use the java "
                            + "dialect, whose compiled code the pack guard checks");
                }
                if (!member && !(i == 1 && isWord(tokens.get(0), "package"))) {
                    checkChain(i);
                }
            }
            // after the names, so a refused name inside an annotation value is the first problem found there
            for (int i = 0; i + 1 < tokens.size(); i++) {
                if (tokens.get(i).text().equals("@") && tokens.get(i + 1).kind() == Kind.IDENTIFIER) {
                    checkAnnotation(i);
                }
            }
        }

        /**
         * An annotation's value must be one literal: a string, a number or a boolean ({@code @intent("..")}).
         * Drools evaluates a rule's annotation values with MVEL while it builds and keeps the result on the rule
         * ({@code Rule.getMetaData()}): an object made there ({@code @store( new java.util.ArrayList() )}, an
         * inline array) would be one object every event and member shares.
         */
        private void checkAnnotation(int at) {
            int i = at + 1;
            StringBuilder name = new StringBuilder(tokens.get(i).text());
            while (i + 2 < tokens.size() && tokens.get(i + 1).kind() == Kind.DOT
                    && tokens.get(i + 2).kind() == Kind.IDENTIFIER) {
                i += 2;
                name.append('.').append(tokens.get(i).text());
            }
            if (i + 1 >= tokens.size() || !tokens.get(i + 1).text().equals("(")) {
                return; // a marker: no value
            }
            int open = i + 1;
            int depth = 0;
            int close = open;
            for (; close < tokens.size(); close++) {
                String text = tokens.get(close).kind() == Kind.OTHER ? tokens.get(close).text() : "";
                depth += text.equals("(") ? 1 : text.equals(")") ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
            List<Token> value = tokens.subList(open + 1, Math.min(close, tokens.size()));
            if (value.isEmpty() || isLiteral(value)) {
                return;
            }
            String shown = spell(value);
            shown = shown.length() > 40 ? shown.substring(0, 37) + ".." : shown;
            refuse(value.get(0), "uses @" + name + "( " + shown + " ), an "
                    + "annotation value that is not a literal: Drools evaluates annotation values with MVEL while it "
                    + "builds and keeps what they make on the rule, one object every event and member shares; an "
                    + "annotation value is one string, number or boolean literal (@intent(\"..\"))");
        }

        /** The tokens as code: {@code new java.util.ArrayList()}. */
        private static String spell(List<Token> value) {
            StringBuilder out = new StringBuilder();
            Token previous = null;
            for (Token token : value) {
                boolean tight = previous == null || token.kind() == Kind.DOT || previous.kind() == Kind.DOT
                        || previous.text().equals("(") && previous.kind() == Kind.OTHER || token.kind() == Kind.OTHER
                        && (token.text().equals("(") || token.text().equals(")") || token.text().equals(","));
                out.append(tight ? "" : " ")
                        .append(token.kind() == Kind.STRING ? "\"" + token.text() + "\"" : token.text());
                previous = token;
            }
            return out.toString();
        }

        /** One string, number (signed or not) or boolean literal. */
        private static boolean isLiteral(List<Token> value) {
            List<Token> unsigned = value.size() == 2 && (value.get(0).text().equals("-")
                    || value.get(0).text().equals("+")) ? value.subList(1, 2) : value;
            if (unsigned.size() != 1) {
                return false;
            }
            Token token = unsigned.get(0);
            boolean number = token.kind() == Kind.OTHER && Character.isDigit(token.text().charAt(0));
            return number || unsigned == value && (token.kind() == Kind.STRING || token.isWord("true")
                    || token.isWord("false"));
        }

        /** Member names that lead to reflection or parallel execution, whatever the receiver. */
        private void checkName(Token token, boolean member, boolean call) {
            String name = token.text();
            String bean = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            String used = call ? "calls " + name + "()" : member ? "uses ." + name : "uses " + name;
            if (name.equals("class") || name.equals("getClass")) {
                refuse(token, used + ", " + Reach.REFLECTION.why());
            } else if ((member || call) && name.startsWith("parallel")) {
                refuse(token, used + ", " + Reach.THREADS.why());
            } else if (call && Reach.REFUSED_NAMES.containsKey(name)) {
                refuse(token, used + ", " + Reach.REFUSED_NAMES.get(name).why());
            } else if (member && !call && Reach.REFUSED_NAMES.containsKey("get" + bean)) {
                refuse(token, used + ", " + Reach.REFUSED_NAMES.get("get" + bean).why()); // MVEL's .stackTrace
            } else if ((member || call) && Reach.REFLECTIVE_NAMES.contains(name)
                    || member && !call && (Reach.REFLECTIVE_NAMES.contains("get" + bean)
                    || Reach.REFLECTIVE_NAMES.contains("is" + bean))) {
                refuse(token, used + ", " + Reach.REFLECTION.why());
            }
        }

        /**
         * Whether the receiver of the member at token {@code i} ({@code receiver.name(}) is a class (checked by
         * {@link #checkChain}): a dotted chain of names that resolves as a whole to a class, the way checkChain
         * resolves it. A call result, a field ({@code Locale.ROOT}), a variable or a literal is an instance.
         */
        private boolean receiverIsClass(int i) {
            int j = i - 2;
            if (j < 0 || tokens.get(j).kind() != Kind.IDENTIFIER) {
                return false;
            }
            List<String> names = new ArrayList<>();
            names.add(tokens.get(j).text());
            while (j >= 2 && tokens.get(j - 1).kind() == Kind.DOT && tokens.get(j - 2).kind() == Kind.IDENTIFIER) {
                j -= 2;
                names.add(0, tokens.get(j).text());
            }
            String first = names.get(0);
            List<Class<?>> starts = new ArrayList<>();
            int at = 1;
            if (Character.isUpperCase(first.charAt(0))) {
                starts.addAll(simpleName(first));
            } else if (!first.startsWith("$")) {
                StringBuilder name = new StringBuilder(first);
                Class<?> type = null;
                for (; at < names.size() && type == null; at++) {
                    name.append('.').append(names.get(at));
                    type = load(name.toString());
                }
                if (type != null) {
                    starts.add(type);
                }
            }
            for (Class<?> type : starts) {
                for (int k = at; k < names.size() && type != null; k++) {
                    type = load(type.getName() + "$" + names.get(k));
                }
                if (type != null) {
                    return true;
                }
            }
            return false;
        }

        /** A static method refused for its effect, called through an instance, where only its name tells. */
        private void refuseStaticThroughInstance(Token token) {
            Map<Reach, List<String>> byReach = new LinkedHashMap<>();
            for (Reach.StaticEffect effect : Reach.STATIC_EFFECTS.get(token.text())) {
                byReach.computeIfAbsent(effect.reach(), r -> new ArrayList<>()).add(effect.method());
            }
            List<String> why = new ArrayList<>();
            byReach.forEach((reach, methods) -> why.add(String.join(" or ", methods) + ", " + reach.why()));
            refuse(token, "calls " + token.text() + "() through an instance, which runs the static "
                    + String.join("; or the static ", why));
        }

        /**
         * Resolves the dotted chain starting at token {@code start} the way MVEL and Java would (a simple name through
         * MVEL's class literals, the imports, the package and java.lang; longer prefixes as qualified names), checks
         * the class it names, its nested classes and the static member after it.
         */
        private void checkChain(int start) {
            List<Token> parts = new ArrayList<>();
            int i = start;
            while (i < tokens.size() && tokens.get(i).kind() == Kind.IDENTIFIER) {
                parts.add(tokens.get(i));
                if (i + 2 < tokens.size() && tokens.get(i + 1).kind() == Kind.DOT
                        && tokens.get(i + 2).kind() == Kind.IDENTIFIER) {
                    i += 2;
                } else {
                    i++;
                    break;
                }
            }
            boolean importLine = start > 0 && (isWord(tokens.get(start - 1), "import") || start > 1
                    && isWord(tokens.get(start - 2), "import"));
            Class<?> type = null;
            int at = 0;
            String first = parts.get(0).text();
            if (Character.isUpperCase(first.charAt(0))) {
                for (Class<?> candidate : simpleName(first)) {
                    if (refuseClass(parts.get(0), candidate, parts.size() > 1 ? parts.get(1).text() : null)) {
                        return;
                    }
                    type = candidate;
                }
            } else if (!first.startsWith("$")) {
                StringBuilder name = new StringBuilder(first);
                for (at = 1; at < parts.size() && type == null; at++) {
                    name.append('.').append(parts.get(at).text());
                    type = load(name.toString());
                }
                at--;
                if (type == null) {
                    if (importLine && parts.size() > 1 && i < tokens.size() && tokens.get(i).kind() == Kind.DOT) {
                        // import a.b.* : the package itself
                        Reach reach = Reach.ofPackage(name.toString().replace('.', '/'));
                        if (reach == Reach.OUTSIDE && name.toString().startsWith("org.loyaltyrules.")) {
                            // most likely a misspelt facts package: say where the facts are
                            refuse(parts.get(parts.size() - 1), "imports " + name + ".*, which is no package rules "
                                    + "can use; the facts rules read and conclude are in org.loyaltyrules.rules.facts "
                                    + "(import org.loyaltyrules.rules.facts.*;)");
                        } else if (reach != null) {
                            refuse(parts.get(parts.size() - 1), "imports " + name + ".*, " + reach.why());
                        }
                    }
                    return;
                }
                if (refuseClass(parts.get(at), type, at + 1 < parts.size() ? parts.get(at + 1).text() : null)) {
                    return;
                }
            }
            if (type == null) {
                return;
            }
            for (int j = at + 1; j < parts.size(); j++) {
                Class<?> nested = load(type.getName() + "$" + parts.get(j).text());
                if (nested == null) {
                    Reach reach = Reach.ofMember(internal(type), parts.get(j).text(), Set.of());
                    if (reach != null) {
                        refuse(parts.get(j), "refers to " + type.getName() + "." + parts.get(j).text() + ", "
                                + reach.why());
                    }
                    return;
                }
                if (refuseClass(parts.get(j), nested, j + 1 < parts.size() ? parts.get(j + 1).text() : null)) {
                    return;
                }
                type = nested;
            }
            // new Date() reads the clock where new Date(0L) does not: the constructors by their number of arguments
            boolean constructed = start > 0 && isWord(tokens.get(start - 1), "new") && i < tokens.size()
                    && tokens.get(i).text().equals("(");
            int arity = constructed ? arguments(i) : -1;
            Reach reach = arity >= 0 ? Reach.ofConstructor(type, arity) : null;
            if (reach != null) {
                refuse(parts.get(parts.size() - 1), "calls new " + type.getName() + (arity == 0 ? "()" : "(..)")
                        + ", " + reach.why());
            }
        }

        /** How many arguments the call whose {@code (} is token {@code open} has; -1 when it does not close. */
        private int arguments(int open) {
            int depth = 0;
            int commas = 0;
            for (int j = open; j < tokens.size(); j++) {
                String text = tokens.get(j).kind() == Kind.OTHER ? tokens.get(j).text() : "";
                if (text.equals("(") || text.equals("[") || text.equals("{")) {
                    depth++;
                } else if (text.equals(")") || text.equals("]") || text.equals("}")) {
                    depth--;
                    if (depth == 0) {
                        return j == open + 1 ? 0 : commas + 1;
                    }
                } else if (text.equals(",") && depth == 1) {
                    commas++;
                }
            }
            return -1;
        }

        /** Refuses the class, or the member {@code next} of it that reads the clock or changes the JVM. */
        private boolean refuseClass(Token token, Class<?> type, String next) {
            Reach reach = next == null ? null : Reach.ofMemberEffect(internal(type), next, null);
            reach = reach != null ? reach : Reach.ofClass(internal(type), Set.of());
            if (reach == null) {
                return false;
            }
            refuse(token, "refers to " + type.getName() + (next == null ? "" : "." + next) + ", " + reach.why());
            return true;
        }

        /** Every class a capitalised simple name can mean here (the guard refuses if any of them is refused). */
        private List<Class<?>> simpleName(String name) {
            Set<Class<?>> candidates = new LinkedHashSet<>();
            Object literal = AbstractParser.CLASS_LITERALS.get(name);
            if (literal instanceof Class) {
                candidates.add((Class<?>) literal);
            }
            for (String imported : imports.classes) {
                if (imported.equals(name) || imported.endsWith("." + name)) {
                    add(candidates, load(imported));
                }
            }
            for (String pkg : imports.packages) {
                add(candidates, load(pkg + "." + name));
            }
            return new ArrayList<>(candidates);
        }

        private static void add(Set<Class<?>> candidates, Class<?> type) {
            if (type != null) {
                candidates.add(type);
            }
        }

        /** The class named {@code name} without initialising it, or null. */
        private Class<?> load(String name) {
            if (resolved.containsKey(name)) {
                return resolved.get(name);
            }
            Class<?> type;
            try {
                type = Class.forName(name, false, classes);
            } catch (ClassNotFoundException | LinkageError | IllegalArgumentException e) {
                type = null; // not a class: a package, a variable, a field
            }
            resolved.put(name, type);
            return type;
        }

        private void refuse(Token token, String what) {
            String rule = DrlLint.enclosingRule(rules, token.line());
            String where = source.origin() + ":" + token.line() + ":" + token.column();
            found.putIfAbsent(where, new Problem(where, (rule == null ? "" : "rule \"" + rule + "\" ") + what));
        }
    }

    private static String internal(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        return element.getName().replace('.', '/');
    }

    // -------------------------------------------------------------------------------------------- compiled check

    /**
     * Problems in the classes Drools compiled from the pack, one per refused reference and class, located at the
     * rule (or function) the class was compiled from: at the first place in it that names the reference, else at its
     * first line. Every compiled class is held to what rules may use, except Drools' invokers — classes implementing
     * {@code CompiledInvoker} that are not nested in another compiled class, which rule code cannot write (a
     * consequence or a function is a method body: its own classes are nested, {@code Rule_X$1}) — which may only not
     * reach a capability. And no compiled class may declare a static field other than a compile-time constant
     * (static final, primitive or String) or one its compiler generated (synthetic): a local interface's, enum's,
     * record's or class's static field is state shared across events and members; nor override {@code finalize()},
     * which the JVM's Finalizer thread would run.
     */
    static List<Problem> checkCompiled(KnowledgeBuilder builder, List<RuleSource> sources) {
        Map<String, RuleSource> byOrigin = new LinkedHashMap<>();
        for (RuleSource source : sources) {
            byOrigin.put(source.origin(), source);
        }
        List<Problem> problems = new ArrayList<>();
        for (KiePackage kiePackage : builder.getKnowledgePackages()) {
            InternalKnowledgePackage pkg = (InternalKnowledgePackage) kiePackage;
            DialectRuntimeData data = pkg.getDialectRuntimeRegistry().getDialectData("java");
            if (!(data instanceof JavaDialectRuntimeData)) {
                continue;
            }
            List<ClassReferences> compiled = new ArrayList<>();
            for (byte[] bytes : ((JavaDialectRuntimeData) data).getStore().values()) {
                if (bytes != null) {
                    compiled.add(ClassReferences.read(bytes));
                }
            }
            Set<String> names = new HashSet<>();
            compiled.forEach(refs -> names.add(refs.name()));
            Set<String> ruleCode = new LinkedHashSet<>();
            for (ClassReferences refs : compiled) {
                if (nested(refs.name(), names) || !refs.interfaces().contains(COMPILED_INVOKER)) {
                    ruleCode.add(refs.name());
                }
            }
            // where each class comes from is only needed to report a problem: found once, when the first one is
            Map<String, Origin> origins = null;
            for (ClassReferences refs : compiled) {
                boolean fromRules = ruleCode.contains(refs.name());
                Origin origin = null;
                Set<String> seen = new LinkedHashSet<>();
                for (ClassReferences.Member member : refs.members()) {
                    Reach reach = fromRules
                            ? Reach.ofMember(member.owner(), member.name(), member.descriptor(), ruleCode)
                            : Reach.ofEngineCode(member.owner(), member.name());
                    String what = member.name().equals("<init>") ? "new " + member.owner().replace('/', '.')
                            : member.owner().replace('/', '.') + "." + member.name();
                    if (reach != null && seen.add(what)) {
                        if (origin == null) {
                            origins = origins != null ? origins : origins(pkg, byOrigin);
                            origin = origin(origins, refs.name());
                        }
                        problems.add(compiledProblem(origin, byOrigin, refs.name(), what, simpleClass(member.owner()),
                                member.name().startsWith("<") ? null : member.name(), reach));
                        seen.add(member.owner().replace('/', '.'));
                    }
                }
                for (ClassReferences.StaticField field : refs.staticFields()) {
                    if (field.constant()) {
                        continue; // a compile-time constant: no state
                    }
                    if (origin == null) {
                        origins = origins != null ? origins : origins(pkg, byOrigin);
                        origin = origin(origins, refs.name());
                    }
                    String type = simpleClass(refs.name()).replaceFirst("^\\d+", "");
                    problems.add(locate(origin, byOrigin, refs.name(), type, field.name(), "compiles to " + type
                            + "." + field.name() + ", a static field: what one event stores there every later event "
                            + "and member sees, so the same event gives another outcome; rule packs may hold only "
                            + "compile-time constants (static final primitives and strings) in static fields"));
                }
                if (fromRules && refs.methods().contains("finalize()V")) {
                    if (origin == null) {
                        origins = origins != null ? origins : origins(pkg, byOrigin);
                        origin = origin(origins, refs.name());
                    }
                    problems.add(locate(origin, byOrigin, refs.name(), simpleClass(refs.name()), "finalize",
                            "compiles to a class that overrides finalize(), which the JVM's Finalizer thread runs "
                                    + "when it collects an object, outside any event and at a time of its own; rule "
                                    + "packs may not override it"));
                }
                for (String type : refs.classes()) {
                    Reach reach = fromRules ? Reach.ofClassConstant(type, ruleCode) : Reach.ofEngineCode(type, null);
                    String what = type.replace('/', '.');
                    if (reach != null && seen.add(what)) {
                        if (origin == null) {
                            origins = origins != null ? origins : origins(pkg, byOrigin);
                            origin = origin(origins, refs.name());
                        }
                        problems.add(compiledProblem(origin, byOrigin, refs.name(), what, simpleClass(type), null,
                                reach));
                    }
                }
            }
        }
        return problems;
    }

    private static final String COMPILED_INVOKER = "org/drools/base/rule/accessor/CompiledInvoker";

    /** Whether {@code name} is nested in another compiled class ({@code Outer$...} with {@code Outer} compiled too). */
    private static boolean nested(String name, Set<String> compiled) {
        for (int i = name.indexOf('$'); i > 0; i = name.indexOf('$', i + 1)) {
            if (compiled.contains(name.substring(0, i))) {
                return true;
            }
        }
        return false;
    }

    /** Where a compiled class comes from: a rule or a function, its file and the lines to look for names in. */
    private record Origin(String what, String file, int line, int endLine) {
    }

    /**
     * The class Drools compiled each rule (its consequence, evals and accumulates) and each function to, from what
     * the package keeps: a rule's consequence invoker names its rule class, a function its class.
     */
    private static Map<String, Origin> origins(InternalKnowledgePackage pkg, Map<String, RuleSource> byOrigin) {
        Map<String, Origin> origins = new LinkedHashMap<>();
        Map<RuleSource, List<Token>> tokens = new HashMap<>(); // each file read once, not once per rule
        for (org.kie.api.definition.rule.Rule rule : pkg.getRules()) {
            RuleImpl impl = (RuleImpl) rule;
            if (!(impl.getConsequence() instanceof InvokerDataProvider) || impl.getResource() == null) {
                continue;
            }
            String file = impl.getResource().getSourcePath();
            int[] lines = lines(byOrigin.get(file), tokens, "rule", rule.getName());
            origins.put(internalName(pkg.getName(), ((InvokerDataProvider) impl.getConsequence()).getRuleClassName()),
                    new Origin("rule \"" + rule.getName() + "\"", file, lines[0], lines[1]));
        }
        for (Function function : pkg.getFunctions().values()) {
            if (function.getClassName() == null) {
                continue;
            }
            // Drools does not always keep a function's resource: then the file is the one that declares it
            String file = function.getResource() == null ? null : function.getResource().getSourcePath();
            int[] lines = {0, 0};
            for (RuleSource source : byOrigin.values()) {
                if (file == null || file.equals(source.origin())) {
                    lines = lines(source, tokens, "function", function.getName());
                    if (lines[0] > 0) {
                        file = source.origin();
                        break;
                    }
                }
            }
            origins.put(internalName(pkg.getName(), function.getClassName()),
                    new Origin("function " + function.getName(), file == null ? "<unknown>" : file, lines[0],
                            lines[1]));
        }
        return origins;
    }

    /** Drools keeps a rule's class name without its package (a function's may have it). */
    private static String internalName(String pkg, String className) {
        return className.contains(".") || pkg.isEmpty() ? className.replace('.', '/')
                : pkg.replace('.', '/') + "/" + className;
    }

    /**
     * The first and last line of the rule (or function) {@code name} in {@code source}: from its {@code rule}
     * (or {@code function}) line to the line before the next rule or function; {0, 0} when not found.
     */
    private static int[] lines(RuleSource source, Map<RuleSource, List<Token>> read, String keyword, String name) {
        if (source == null) {
            return new int[] {0, 0};
        }
        List<Token> tokens = read.computeIfAbsent(source, s -> DrlTokens.read(s.text(), false));
        int first = 0;
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token token = tokens.get(i);
            boolean starts = token.kind() == Kind.IDENTIFIER && (token.text().equals("rule")
                    || token.text().equals("function")) && token.column() == firstColumn(tokens, i);
            if (!starts) {
                continue;
            }
            if (first > 0) {
                return new int[] {first, token.line() - 1};
            }
            if (token.text().equals(keyword) && declares(tokens, i, name)) {
                first = token.line();
            }
        }
        return new int[] {first, first > 0 ? Integer.MAX_VALUE : 0};
    }

    /** The column of the first token on token {@code i}'s line. */
    private static int firstColumn(List<Token> tokens, int i) {
        int j = i;
        while (j > 0 && tokens.get(j - 1).line() == tokens.get(i).line()) {
            j--;
        }
        return tokens.get(j).column();
    }

    /** Whether the {@code rule} or {@code function} at token {@code i} declares {@code name}. */
    private static boolean declares(List<Token> tokens, int i, String name) {
        for (int j = i + 1; j < tokens.size() && tokens.get(j).line() == tokens.get(i).line(); j++) {
            if (tokens.get(j).text().equals(name)) {
                return true;
            }
            if (tokens.get(j).text().equals("(")) {
                return false;
            }
        }
        return false;
    }

    /** The rule or function a compiled class comes from: its own class or one nested in it; the longest match. */
    private static Origin origin(Map<String, Origin> origins, String internalName) {
        Origin best = null;
        int length = -1;
        for (Map.Entry<String, Origin> entry : origins.entrySet()) {
            String key = entry.getKey();
            boolean own = internalName.equals(key) || internalName.startsWith(key + "$");
            boolean invoker = internalName.startsWith(key) && internalName.endsWith("Invoker");
            if ((own || invoker) && key.length() > length) {
                best = entry.getValue();
                length = key.length();
            }
        }
        return best;
    }

    private static Problem compiledProblem(Origin origin, Map<String, RuleSource> byOrigin, String className,
                                           String what, String owner, String member, Reach reach) {
        return locate(origin, byOrigin, className, owner, member, "compiles to a use of " + what + ", " + reach.why());
    }

    /** A problem of compiled class {@code className}, at the first place its rule or function names owner.member. */
    private static Problem locate(Origin origin, Map<String, RuleSource> byOrigin, String className, String owner,
                                  String member, String message) {
        if (origin == null) {
            return new Problem("<generated " + className.replace('/', '.') + ">", message);
        }
        Token at = null;
        RuleSource source = byOrigin.get(origin.file());
        if (source != null && origin.line() > 0) {
            List<Token> tokens = new ArrayList<>();
            for (Token token : DrlTokens.read(source.text(), true)) {
                if (token.line() >= origin.line() && token.line() <= origin.endLine()) {
                    tokens.add(token);
                }
            }
            at = firstName(tokens, owner, member);
        }
        String where = origin.file() + (at != null ? ":" + at.line() + ":" + at.column()
                : origin.line() > 0 ? ":" + origin.line() : "");
        return new Problem(where, origin.what() + " " + message);
    }

    /**
     * Where the rule's text names the reference: {@code Owner.member}, else the member, else the owner; null when it
     * does not (a reference Java inferred, such as an inherited method).
     */
    private static Token firstName(List<Token> tokens, String owner, String member) {
        if (member != null) {
            for (int i = 2; i < tokens.size(); i++) {
                if (tokens.get(i).text().equals(member) && tokens.get(i - 1).kind() == Kind.DOT
                        && tokens.get(i - 2).text().equals(owner)) {
                    return tokens.get(i);
                }
            }
        }
        for (String name : new String[] {member, owner}) {
            for (Token token : tokens) {
                if (token.kind() == Kind.IDENTIFIER && token.text().equals(name)) {
                    return token;
                }
            }
        }
        return null;
    }

    private static String simpleClass(String internalName) {
        String name = internalName.replaceFirst("^\\[+L?", "").replace(";", "");
        return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('$')) + 1);
    }
}
