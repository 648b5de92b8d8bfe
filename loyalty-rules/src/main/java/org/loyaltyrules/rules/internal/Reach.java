package org.loyaltyrules.rules.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What rule code may reach, for the pack guard ({@link DrlGuard}). Rules may use {@code java.lang} (without System,
 * Runtime, processes, threads, class loaders and the like), {@code java.math}, {@code java.util} (without timers,
 * scanners, formatters, service loaders and resource bundles) with its {@code function}, {@code stream} and
 * {@code regex} packages, {@code java.time}, {@code java.text}, the fact records and the core values — and, of the
 * engine, only what a consequence needs to insert, update or delete facts and read its rule. Everything else is
 * refused with the capability it would open. So is what would make the same event give another outcome (the wall
 * clock, random numbers, text formatted by the default locale, the default time zone, an iteration order the JDK
 * salts per JVM, an identity hash code) or change the whole JVM (its default locale or time zone, its registry of
 * zone rules), and forging the JVM's own errors, in whichever class it is.
 * Names are internal names ({@code java/lang/System}).
 */
enum Reach {
    PROCESS("can stop the JVM, start processes or read its environment"),
    FILES("can read or write files"),
    NETWORK("can open network connections"),
    THREADS("can start or control threads"),
    REFLECTION("gives access to reflection, class loading or the engine's internals"),
    CLOCK("reads the wall clock, so the same event gives another outcome on another day or in a replay; a rule "
            + "takes its time from the event (EventFact( date ), the day of the event's at) and from facts"),
    RANDOM("draws random numbers, so the same event gives another outcome each time it is applied or replayed; a "
            + "rule decides from the event and the facts alone"),
    JVM_SETTING("changes a setting of the whole JVM (its default locale or time zone) that every engine and thread "
            + "in it then sees; a rule changes nothing but what it concludes"),
    DEFAULT_LOCALE("formats or changes case by the JVM's default locale, so the same event gives other text on a "
            + "machine with another locale (ar-EG writes other digits, tr-TR upper-cases i to \u0130); pass "
            + "java.util.Locale.ROOT: String.format( Locale.ROOT, .. ), toUpperCase( Locale.ROOT )"),
    DEFAULT_ZONE("reads the JVM's default time zone, so the same event gives another outcome on a machine set to "
            + "another zone (-Duser.timezone); name the zone: java.time.ZoneOffset.UTC, ZoneId.of( \"Europe/Paris\" ), "
            + "TimeZone.getTimeZone( \"UTC\" )"),
    DATE_FORMAT("holds a Calendar set to the wall clock in the JVM's default time zone (getCalendar(), "
            + "get2DigitYearStart()), so the same event gives another outcome on another day or machine; format and "
            + "parse with java.time.format.DateTimeFormatter.ofPattern( .., Locale.ROOT )"),
    UNORDERED("iterates in an order the JVM draws at random when it starts (the JDK salts the order of Set.of and "
            + "Map.of), so the same event can give another outcome in another run; use List.of, a TreeSet or TreeMap "
            + "(sorted), or a LinkedHashSet or LinkedHashMap (the order added)"),
    IDENTITY("gives an identity hash code, which the JVM draws per object and per run (an enum's hashCode() is "
            + "Object's, final in java.lang.Enum), so the same event can give another outcome in another run or on "
            + "another node; hash a value: an enum's name() or ordinal(), a String, a number, a record"),
    ZONE_RULES("is the JVM's own registry of time-zone rules, which a rule could add to or refresh for every "
            + "engine and thread in the JVM; a rule reads a zone's rules through ZoneId.of( \"..\" ).getRules()"),
    JVM_ERROR("forges one of the JVM's own errors (VirtualMachineError: InternalError, OutOfMemoryError, "
            + "StackOverflowError, UnknownError; or ThreadDeath), which stop a whole run instead of failing the event;"
            + " a rule that cannot go on throws an exception (throw new IllegalStateException( .. )), which fails "
            + "the event as RULE_FAILED"),
    CATCHES_ERRORS("catches the JVM's errors (Throwable, Error, VirtualMachineError, StackOverflowError): how deep a "
            + "recursion goes before the stack overflows depends on the thread and on how deep the engine was called, "
            + "so the same event can give another outcome; catch an Exception, and let an error fail the event as "
            + "RULE_FAILED"),
    OUTSIDE("is outside what rule packs may use (java.lang, java.math, java.util, java.time, java.text, "
            + "the loyalty facts and core values)");

    private final String phrase;

    Reach(String phrase) {
        this.phrase = phrase;
    }

    /** "which can read or write files; rule packs may not use it" */
    String why() {
        return this == OUTSIDE ? "which " + phrase : "which " + phrase + "; rule packs may not use it";
    }

    private static final List<String> ALLOWED_PACKAGES = List.of("java/lang", "java/math", "java/util",
            "java/util/function", "java/util/stream", "java/util/regex", "java/text", "java/time", "java/time/format",
            "java/time/temporal", "java/time/chrono", "java/time/zone", "org/loyaltyrules/rules/facts");

    private static final List<String> ALLOWED_PACKAGE_TREES = List.of("org/loyaltyrules/core/");

    /** Classes of the allowed packages that are refused anyway (a nested class goes with its outer class). */
    private static final Map<String, Reach> REFUSED_CLASSES = Map.ofEntries(
            Map.entry("java/lang/System", PROCESS), Map.entry("java/lang/Runtime", PROCESS),
            Map.entry("java/lang/Process", PROCESS), Map.entry("java/lang/ProcessBuilder", PROCESS),
            Map.entry("java/lang/ProcessHandle", PROCESS), Map.entry("java/lang/SecurityManager", PROCESS),
            Map.entry("java/lang/Thread", THREADS), Map.entry("java/lang/ThreadGroup", THREADS),
            Map.entry("java/lang/ThreadLocal", THREADS), Map.entry("java/lang/InheritableThreadLocal", THREADS),
            Map.entry("java/util/Timer", THREADS), Map.entry("java/util/TimerTask", THREADS),
            Map.entry("java/util/stream/StreamSupport", THREADS),
            Map.entry("java/lang/ClassLoader", REFLECTION), Map.entry("java/lang/Compiler", REFLECTION),
            Map.entry("java/lang/StackWalker", REFLECTION), Map.entry("java/lang/StackTraceElement", REFLECTION),
            Map.entry("java/lang/Module", REFLECTION),
            Map.entry("java/lang/ModuleLayer", REFLECTION), Map.entry("java/lang/Package", REFLECTION),
            Map.entry("java/lang/ClassValue", REFLECTION), Map.entry("java/util/ServiceLoader", REFLECTION),
            Map.entry("java/util/ResourceBundle", REFLECTION),
            Map.entry("java/util/ListResourceBundle", REFLECTION),
            Map.entry("java/util/PropertyResourceBundle", REFLECTION),
            Map.entry("java/util/Scanner", FILES), Map.entry("java/util/Formatter", FILES),
            Map.entry("java/time/zone/ZoneRulesProvider", ZONE_RULES),
            Map.entry("java/text/DateFormat", DATE_FORMAT), Map.entry("java/text/SimpleDateFormat", DATE_FORMAT),
            Map.entry("java/util/Random", RANDOM), Map.entry("java/util/SplittableRandom", RANDOM),
            Map.entry("java/util/concurrent/ThreadLocalRandom", RANDOM),
            Map.entry("java/security/SecureRandom", RANDOM));

    /**
     * Members of allowed classes that make the outcome depend on when or how often a rule runs (the wall clock, a
     * random source) or change the whole JVM; a constructor is {@code <init>} with its descriptor. Every {@code now}
     * of java.time (and {@code dateNow} of its chronologies) reads the clock too: see {@link #ofMemberEffect}.
     */
    private static final Map<String, Reach> REFUSED_MEMBERS = Map.ofEntries(
            Map.entry("java/lang/System.currentTimeMillis", CLOCK), Map.entry("java/lang/System.nanoTime", CLOCK),
            Map.entry("java/time/Clock.systemUTC", CLOCK), Map.entry("java/time/Clock.systemDefaultZone", CLOCK),
            Map.entry("java/time/Clock.system", CLOCK), Map.entry("java/time/Clock.tickMillis", CLOCK),
            Map.entry("java/time/Clock.tickSeconds", CLOCK), Map.entry("java/time/Clock.tickMinutes", CLOCK),
            Map.entry("java/time/InstantSource.system", CLOCK), Map.entry("java/util/Calendar.getInstance", CLOCK),
            Map.entry("java/util/Date.<init>()V", CLOCK), Map.entry("java/util/GregorianCalendar.<init>()V", CLOCK),
            Map.entry("java/util/GregorianCalendar.<init>(Ljava/util/Locale;)V", CLOCK),
            Map.entry("java/util/GregorianCalendar.<init>(Ljava/util/TimeZone;)V", CLOCK),
            Map.entry("java/util/GregorianCalendar.<init>(Ljava/util/TimeZone;Ljava/util/Locale;)V", CLOCK),
            Map.entry("java/util/GregorianCalendar.<init>(III)V", DEFAULT_ZONE),
            Map.entry("java/util/GregorianCalendar.<init>(IIIII)V", DEFAULT_ZONE),
            Map.entry("java/util/GregorianCalendar.<init>(IIIIII)V", DEFAULT_ZONE),
            Map.entry("java/util/Date.<init>(III)V", DEFAULT_ZONE), Map.entry("java/util/Date.<init>(IIIII)V",
                    DEFAULT_ZONE), Map.entry("java/util/Date.<init>(IIIIII)V", DEFAULT_ZONE),
            Map.entry("java/util/Date.<init>(Ljava/lang/String;)V", DEFAULT_ZONE),
            Map.entry("java/util/Date.parse", DEFAULT_ZONE),
            Map.entry("java/util/Date.getYear", DEFAULT_ZONE), Map.entry("java/util/Date.getMonth", DEFAULT_ZONE),
            Map.entry("java/util/Date.getDate", DEFAULT_ZONE), Map.entry("java/util/Date.getDay", DEFAULT_ZONE),
            Map.entry("java/util/Date.getHours", DEFAULT_ZONE), Map.entry("java/util/Date.getMinutes", DEFAULT_ZONE),
            Map.entry("java/util/Date.getTimezoneOffset", DEFAULT_ZONE),
            Map.entry("java/util/Date.toString()Ljava/lang/String;", DEFAULT_ZONE),
            Map.entry("java/util/Date.toLocaleString", DEFAULT_LOCALE),
            Map.entry("java/util/Calendar$Builder.<init>", DEFAULT_ZONE),
            Map.entry("java/util/TimeZone.getDefault", DEFAULT_ZONE),
            Map.entry("java/time/ZoneId.systemDefault", DEFAULT_ZONE),
            Map.entry("java/util/Set.of", UNORDERED), Map.entry("java/util/Set.copyOf", UNORDERED),
            Map.entry("java/util/Map.of", UNORDERED), Map.entry("java/util/Map.ofEntries", UNORDERED),
            Map.entry("java/util/Map.copyOf", UNORDERED),
            Map.entry("java/util/stream/Collectors.toUnmodifiableSet", UNORDERED),
            Map.entry("java/util/stream/Collectors.toUnmodifiableMap", UNORDERED),
            Map.entry("java/lang/System.identityHashCode", IDENTITY),
            // not Object.toString: javac compiles toString() on a List or a Map (an interface) to it as well
            Map.entry("java/lang/Object.hashCode", IDENTITY),
            Map.entry("java/lang/VirtualMachineError.<init>", JVM_ERROR),
            Map.entry("java/lang/InternalError.<init>", JVM_ERROR),
            Map.entry("java/lang/OutOfMemoryError.<init>", JVM_ERROR),
            Map.entry("java/lang/StackOverflowError.<init>", JVM_ERROR),
            Map.entry("java/lang/UnknownError.<init>", JVM_ERROR), Map.entry("java/lang/ThreadDeath.<init>", JVM_ERROR),
            Map.entry("java/lang/Math.random", RANDOM), Map.entry("java/lang/StrictMath.random", RANDOM),
            Map.entry("java/util/UUID.randomUUID", RANDOM), Map.entry("java/util/Collections.shuffle", RANDOM),
            Map.entry("java/util/Locale.setDefault", JVM_SETTING),
            Map.entry("java/util/TimeZone.setDefault", JVM_SETTING),
            Map.entry("java/util/Locale.getDefault", DEFAULT_LOCALE),
            Map.entry("java/lang/String.format(Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/String;",
                    DEFAULT_LOCALE),
            Map.entry("java/lang/String.formatted([Ljava/lang/Object;)Ljava/lang/String;", DEFAULT_LOCALE),
            Map.entry("java/lang/String.toUpperCase()Ljava/lang/String;", DEFAULT_LOCALE),
            Map.entry("java/lang/String.toLowerCase()Ljava/lang/String;", DEFAULT_LOCALE),
            Map.entry("java/text/NumberFormat.getInstance()Ljava/text/NumberFormat;", DEFAULT_LOCALE),
            Map.entry("java/text/NumberFormat.getNumberInstance()Ljava/text/NumberFormat;", DEFAULT_LOCALE),
            Map.entry("java/text/NumberFormat.getIntegerInstance()Ljava/text/NumberFormat;", DEFAULT_LOCALE),
            Map.entry("java/text/NumberFormat.getPercentInstance()Ljava/text/NumberFormat;", DEFAULT_LOCALE),
            Map.entry("java/text/NumberFormat.getCurrencyInstance()Ljava/text/NumberFormat;", DEFAULT_LOCALE),
            Map.entry("java/text/DecimalFormat.<init>()V", DEFAULT_LOCALE),
            Map.entry("java/text/DecimalFormat.<init>(Ljava/lang/String;)V", DEFAULT_LOCALE),
            Map.entry("java/time/format/DateTimeFormatter.ofPattern(Ljava/lang/String;)"
                    + "Ljava/time/format/DateTimeFormatter;", DEFAULT_LOCALE),
            Map.entry("java/time/format/DateTimeFormatter.ofLocalizedDate", DEFAULT_LOCALE),
            Map.entry("java/time/format/DateTimeFormatter.ofLocalizedTime", DEFAULT_LOCALE),
            Map.entry("java/time/format/DateTimeFormatter.ofLocalizedDateTime", DEFAULT_LOCALE),
            Map.entry("java/time/format/DateTimeFormatterBuilder.toFormatter()Ljava/time/format/DateTimeFormatter;",
                    DEFAULT_LOCALE),
            Map.entry("java/time/format/DecimalStyle.ofDefaultLocale", DEFAULT_LOCALE),
            Map.entry("java/text/MessageFormat.<init>(Ljava/lang/String;)V", DEFAULT_LOCALE),
            Map.entry("java/text/MessageFormat.format(Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/String;",
                    DEFAULT_LOCALE),
            Map.entry("java/text/NumberFormat.getCompactNumberInstance()Ljava/text/NumberFormat;", DEFAULT_LOCALE),
            Map.entry("java/text/DecimalFormatSymbols.<init>()V", DEFAULT_LOCALE),
            Map.entry("java/text/DecimalFormatSymbols.getInstance()Ljava/text/DecimalFormatSymbols;",
                    DEFAULT_LOCALE),
            Map.entry("java/text/DateFormatSymbols.<init>()V", DEFAULT_LOCALE),
            Map.entry("java/text/DateFormatSymbols.getInstance()Ljava/text/DateFormatSymbols;", DEFAULT_LOCALE),
            Map.entry("java/text/Collator.getInstance()Ljava/text/Collator;", DEFAULT_LOCALE),
            Map.entry("java/text/BreakIterator.getWordInstance()Ljava/text/BreakIterator;", DEFAULT_LOCALE),
            Map.entry("java/text/BreakIterator.getLineInstance()Ljava/text/BreakIterator;", DEFAULT_LOCALE),
            Map.entry("java/text/BreakIterator.getCharacterInstance()Ljava/text/BreakIterator;", DEFAULT_LOCALE),
            Map.entry("java/text/BreakIterator.getSentenceInstance()Ljava/text/BreakIterator;", DEFAULT_LOCALE),
            Map.entry("java/util/Locale.getDisplayName()Ljava/lang/String;", DEFAULT_LOCALE),
            Map.entry("java/util/Locale.getDisplayLanguage()Ljava/lang/String;", DEFAULT_LOCALE),
            Map.entry("java/util/Locale.getDisplayCountry()Ljava/lang/String;", DEFAULT_LOCALE),
            Map.entry("java/util/Locale.getDisplayScript()Ljava/lang/String;", DEFAULT_LOCALE),
            Map.entry("java/util/Locale.getDisplayVariant()Ljava/lang/String;", DEFAULT_LOCALE),
            Map.entry("java/util/Currency.getSymbol()Ljava/lang/String;", DEFAULT_LOCALE),
            Map.entry("java/util/Currency.getDisplayName()Ljava/lang/String;", DEFAULT_LOCALE),
            Map.entry("java/util/TimeZone.getDisplayName()Ljava/lang/String;", DEFAULT_LOCALE),
            Map.entry("java/util/TimeZone.getDisplayName(ZI)Ljava/lang/String;", DEFAULT_LOCALE));

    /**
     * Members refused whatever the receiver's class, since every class has them (Object's, Throwable's): the call
     * stack, which depends on how deep the embedding application called the engine and names its classes
     * ({@code new RuntimeException().getStackTrace().length} gave another award one call deeper); printing it, which
     * writes to the process's standard error; and a monitor's wait and notify, which block or wake engine threads.
     */
    static final Map<String, Reach> REFUSED_NAMES = Map.of("getStackTrace", REFLECTION, "printStackTrace", FILES,
            "wait", THREADS, "notify", THREADS, "notifyAll", THREADS);

    /** Packages (and their sub-packages) outside the allowed ones, named by the capability they open. */
    private static final Map<String, Reach> REFUSED_PACKAGES = Map.ofEntries(
            Map.entry("java/io/", FILES), Map.entry("java/nio/file/", FILES), Map.entry("java/nio/channels/", FILES),
            Map.entry("java/util/zip/", FILES), Map.entry("java/util/jar/", FILES),
            Map.entry("java/util/logging/", FILES), Map.entry("java/util/prefs/", FILES),
            Map.entry("java/net/", NETWORK), Map.entry("javax/net/", NETWORK), Map.entry("java/rmi/", NETWORK),
            Map.entry("javax/naming/", NETWORK), Map.entry("java/sql/", NETWORK), Map.entry("javax/sql/", NETWORK),
            Map.entry("java/util/concurrent/", THREADS), Map.entry("java/lang/ref/", THREADS),
            Map.entry("java/lang/management/", PROCESS), Map.entry("javax/management/", PROCESS),
            Map.entry("java/util/random/", RANDOM),
            Map.entry("java/lang/reflect/", REFLECTION), Map.entry("java/lang/invoke/", REFLECTION),
            Map.entry("java/lang/instrument/", REFLECTION), Map.entry("java/lang/constant/", REFLECTION),
            Map.entry("java/lang/runtime/", REFLECTION), Map.entry("java/lang/module/", REFLECTION),
            Map.entry("java/security/", REFLECTION), Map.entry("java/beans/", REFLECTION),
            Map.entry("javax/script/", REFLECTION), Map.entry("javax/tools/", REFLECTION),
            Map.entry("jdk/", REFLECTION), Map.entry("sun/", REFLECTION), Map.entry("com/sun/", REFLECTION),
            Map.entry("org/mvel2/", REFLECTION), Map.entry("org/drools/", REFLECTION),
            Map.entry("org/kie/", REFLECTION), Map.entry("org/eclipse/jdt/", REFLECTION));

    /** java.io types a generated class may name without doing I/O: marker interfaces and exceptions. */
    private static final Set<String> HARMLESS_IO = Set.of("java/io/Serializable", "java/io/Externalizable",
            "java/io/IOException", "java/io/UncheckedIOException", "java/io/ObjectInput", "java/io/ObjectOutput");

    /** The bootstrap methods javac and ECJ emit for string concatenation, lambdas and records, and their types. */
    private static final Set<String> BOOTSTRAP_CLASSES = Set.of("java/lang/invoke/LambdaMetafactory",
            "java/lang/invoke/StringConcatFactory", "java/lang/runtime/ObjectMethods", "java/lang/invoke/MethodHandles",
            "java/lang/invoke/MethodHandles$Lookup");
    private static final Set<String> BOOTSTRAP_METHODS = Set.of("java/lang/invoke/LambdaMetafactory.metafactory",
            "java/lang/invoke/LambdaMetafactory.altMetafactory", "java/lang/invoke/StringConcatFactory.makeConcat",
            "java/lang/invoke/StringConcatFactory.makeConcatWithConstants",
            "java/lang/runtime/ObjectMethods.bootstrap");

    /**
     * What a consequence may use of the engine: Drools compiles {@code insert(x)} to {@code drools.insert(x)},
     * {@code modify}/{@code update} to {@code drools.update(handle, mask, type)} with a bit mask, and an accumulate
     * expression through FieldFactory; {@code kcontext}/{@code drools.getRule()} read the rule: its name, package
     * and id, not its metadata (annotation values Drools evaluated, kept on the rule: state every event shares).
     */
    private static final Map<String, Set<String>> ENGINE_MEMBERS = Map.of(
            "org/drools/core/rule/consequence/KnowledgeHelper",
            Set.of("insert", "update", "delete", "retract", "getRule", "getMatch", "getFactHandle"),
            "org/kie/api/runtime/rule/RuleContext", Set.of("getRule", "getMatch"),
            "org/kie/api/definition/rule/Rule", Set.of("getName", "getPackageName", "getId"),
            "org/kie/api/runtime/rule/Match",
            Set.of("getRule", "getObjects", "getDeclarationIds", "getDeclarationValue"),
            "org/kie/api/runtime/rule/FactHandle", Set.of(),
            "org/drools/mvel/field/FieldFactory", Set.of("getInstance", "getFieldValue"),
            "org/drools/base/rule/accessor/FieldValue", Set.of(),
            "org/drools/base/rule/consequence/ConsequenceContext", Set.of());

    private static final String ENGINE_BIT_MASKS = "org/drools/util/bitmask/";

    /** The methods of java.lang.Class a rule may call: names and kinds, nothing that reaches members or loaders. */
    private static final Set<String> CLASS_METHODS_ALLOWED = Set.of("getName", "getSimpleName", "getTypeName",
            "getCanonicalName", "getPackageName", "isInstance", "cast", "isAssignableFrom", "isArray", "isEnum",
            "isRecord", "isInterface", "isPrimitive", "toString", "hashCode", "equals", "desiredAssertionStatus",
            "getEnumConstants");

    /** The static methods of java.lang that read a system property: Boolean.getBoolean, Integer.getInteger ... */
    private static final Map<String, String> SYSTEM_PROPERTY_READERS = Map.of("java/lang/Boolean", "getBoolean",
            "java/lang/Integer", "getInteger", "java/lang/Long", "getLong");

    /**
     * Names of refused static methods that are also common instance methods, so a call by that name through an
     * instance cannot be told from the harmless one: {@code format} (String.format, MessageFormat.format, and
     * DateTimeFormatter's, LocalDate's, NumberFormat's own format), {@code parse} (Date.parse, and every formatter's
     * own parse).
     */
    private static final Set<String> AMBIGUOUS_STATIC_NAMES = Set.of("format", "parse");

    /** A static method refused for its effect: its class and name ({@code java.util.Locale.setDefault}), and why. */
    record StaticEffect(String method, Reach reach) {
    }

    /**
     * The static methods refused for their effect ({@link #REFUSED_MEMBERS}' static methods, every {@code now} and
     * {@code dateNow} of java.time, the system property readers), by name: Java and MVEL let code call a static method
     * through any instance of its class ({@code Locale.ROOT.setDefault(..)}), which the source check cannot tell from
     * an instance method of the same name. {@link #AMBIGUOUS_STATIC_NAMES} are left out.
     */
    static final Map<String, List<StaticEffect>> STATIC_EFFECTS;

    static {
        Map<String, List<StaticEffect>> effects = new TreeMap<>();
        for (Map.Entry<String, Reach> refused : new TreeMap<>(REFUSED_MEMBERS).entrySet()) {
            String owner = refused.getKey().substring(0, refused.getKey().indexOf('.'));
            String member = refused.getKey().substring(owner.length() + 1).replaceFirst("\\(.*", "");
            if (!member.startsWith("<") && !AMBIGUOUS_STATIC_NAMES.contains(member) && isStatic(owner, member)) {
                addEffect(effects, owner.replace('/', '.') + "." + member, member, refused.getValue());
            }
        }
        new TreeMap<>(SYSTEM_PROPERTY_READERS).forEach((owner, member) ->
                addEffect(effects, owner.replace('/', '.') + "." + member, member, PROCESS));
        addEffect(effects, "now of java.time (LocalDate.now, Instant.now ..)", "now", CLOCK);
        addEffect(effects, "dateNow of java.time.chrono", "dateNow", CLOCK);
        STATIC_EFFECTS = Map.copyOf(effects);
    }

    private static void addEffect(Map<String, List<StaticEffect>> effects, String method, String name, Reach reach) {
        effects.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(new StaticEffect(method, reach));
    }

    /**
     * Whether class {@code owner} (internal name) has a public static method named {@code member} that an instance can
     * call: an interface's static methods ({@code Set.of}) are called on the interface only.
     */
    private static boolean isStatic(String owner, String member) {
        Class<?> type = load(owner);
        if (type == null || type.isInterface()) {
            return false;
        }
        for (Method method : type.getMethods()) {
            if (method.getName().equals(member) && Modifier.isStatic(method.getModifiers())) {
                return true;
            }
        }
        return false;
    }

    /** Class {@code owner} (internal name) as the library sees it, not initialised; null when it cannot be loaded. */
    private static Class<?> load(String owner) {
        try {
            return Class.forName(owner.replace('/', '.'), false, Reach.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /**
     * Member names that lead to reflection whatever the receiver (every other public method of java.lang.Class, plus
     * getClass). Source checks refuse them by name, since an expression's receiver type is not known there.
     */
    static final Set<String> REFLECTIVE_NAMES;

    static {
        Set<String> names = new TreeSet<>();
        for (Method method : Class.class.getMethods()) {
            if (method.getDeclaringClass() == Class.class && Modifier.isPublic(method.getModifiers())
                    && !CLASS_METHODS_ALLOWED.contains(method.getName())) {
                names.add(method.getName());
            }
        }
        names.add("getClass");
        names.add("getDeclaringClass");
        REFLECTIVE_NAMES = Set.copyOf(names);
    }

    /** The errors a catch clause names to catch a StackOverflowError (a rule's catch is a class constant). */
    private static final Set<String> CAUGHT_ERRORS = Set.of("java/lang/Throwable", "java/lang/Error",
            "java/lang/VirtualMachineError", "java/lang/StackOverflowError");

    /**
     * Why a class constant of rule code (what a catch clause, {@code new}, a cast or {@code instanceof} names) is
     * refused: as {@link #ofClass}, and the errors a catch of a StackOverflowError names, which would measure the
     * stack; null when rules may use it.
     */
    static Reach ofClassConstant(String internalName, Set<String> generated) {
        Reach reach = ofClass(internalName, generated);
        return reach != null || !CAUGHT_ERRORS.contains(internalName) ? reach : CATCHES_ERRORS;
    }

    /**
     * Why a class, named by rule code, is refused; null when rules may use it. {@code generated} are the classes the
     * pack itself compiled (its rules' consequences, functions and their nested classes), which rules may use.
     */
    static Reach ofClass(String internalName, Set<String> generated) {
        String name = elementType(internalName);
        if (name == null || generated.contains(name)) {
            return null;
        }
        String outer = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
        Reach refused = REFUSED_CLASSES.get(outer);
        if (refused != null) {
            return refused;
        }
        String pkg = name.lastIndexOf('/') < 0 ? "" : name.substring(0, name.lastIndexOf('/'));
        if (ALLOWED_PACKAGES.contains(pkg) || ALLOWED_PACKAGE_TREES.stream().anyMatch(name::startsWith)
                || HARMLESS_IO.contains(name) || BOOTSTRAP_CLASSES.contains(name) || ENGINE_MEMBERS.containsKey(name)
                || name.startsWith(ENGINE_BIT_MASKS)) {
            return null;
        }
        return ofPackage(pkg);
    }

    /** Why classes of a package (internal name, no trailing slash) are refused: the capability, else OUTSIDE. */
    static Reach ofPackage(String pkg) {
        if (ALLOWED_PACKAGES.contains(pkg) || ALLOWED_PACKAGE_TREES.stream().anyMatch(t -> (pkg + "/").startsWith(t))) {
            return null;
        }
        for (Map.Entry<String, Reach> refused : REFUSED_PACKAGES.entrySet()) {
            if ((pkg + "/").startsWith(refused.getKey())) {
                return refused.getValue();
            }
        }
        return OUTSIDE;
    }

    /**
     * Why a member is refused whatever its class (which rules may otherwise use): it reads the clock or a random
     * source, gives an identity hash code, or changes the JVM ({@link #REFUSED_MEMBERS}, every {@code now} and
     * {@code dateNow} of java.time, an enum's {@code hashCode}); null when it does none of these. In compiled code
     * the owner of a call is the receiver's declared type ({@code java/math/RoundingMode.hashCode}, not the class
     * that declares the method), so Object's hashCode and toString are refused only where the receiver is declared
     * an Object: a String's, a number's or a record's are values. {@code descriptor} tells a constructor's overloads
     * apart ({@code new Date()} reads the clock, {@code new Date(0L)} does not); null when not known.
     */
    static Reach ofMemberEffect(String owner, String member, String descriptor) {
        String name = elementType(owner);
        if (name == null) {
            return null;
        }
        if (name.startsWith("java/time/") && (member.equals("now") || member.equals("dateNow"))) {
            return CLOCK;
        }
        if (member.equals("hashCode") && isEnum(name)) {
            return IDENTITY; // Enum.hashCode is final and Object's
        }
        Reach reach = REFUSED_MEMBERS.get(name + "." + member);
        return reach != null || descriptor == null ? reach : REFUSED_MEMBERS.get(name + "." + member + descriptor);
    }

    private static boolean isEnum(String owner) {
        Class<?> type = load(owner);
        return type != null && Enum.class.isAssignableFrom(type);
    }

    /**
     * Why {@code new type(..)} with {@code arity} arguments is refused, where the argument types are not known (MVEL
     * and the source check): when the class's constructors are refused whatever their parameters, or every public
     * constructor with that many parameters is ({@code new GregorianCalendar( zone )}); null otherwise
     * ({@code new Date( 0L )}: Date(String) reads the default zone, Date(long) does not, and only the compiled-code
     * check tells them apart).
     */
    static Reach ofConstructor(Class<?> type, int arity) {
        String owner = type.getName().replace('.', '/');
        Reach any = ofMemberEffect(owner, "<init>", null);
        if (any != null) {
            return any;
        }
        Reach all = null;
        for (java.lang.reflect.Constructor<?> constructor : type.getConstructors()) {
            if (constructor.getParameterCount() != arity) {
                continue;
            }
            String descriptor = java.lang.invoke.MethodType.methodType(void.class, constructor.getParameterTypes())
                    .toMethodDescriptorString();
            Reach reach = ofMemberEffect(owner, "<init>", descriptor);
            if (reach == null) {
                return null;
            }
            all = all == null ? reach : all;
        }
        return all;
    }

    /** Why a field or method, used by rule code, is refused; null when rules may use it. */
    static Reach ofMember(String owner, String member, Set<String> generated) {
        return ofMember(owner, member, null, generated);
    }

    /** As {@link #ofMember(String, String, Set)}, for a member with its descriptor ({@code ()V}), when known. */
    static Reach ofMember(String owner, String member, String descriptor, Set<String> generated) {
        Reach effect = ofMemberEffect(owner, member, descriptor);
        if (effect != null) {
            return effect;
        }
        Reach ofOwner = ofClass(owner, generated);
        if (ofOwner != null) {
            return ofOwner;
        }
        String name = elementType(owner);
        if (name != null && REFUSED_NAMES.containsKey(member)) {
            // also on the pack's own classes: a bare wait() in a consequence is the consequence class's, Object's
            return REFUSED_NAMES.get(member);
        }
        if (name == null || generated.contains(name)) {
            return null;
        }
        if (member.startsWith("parallel")) {
            return THREADS; // parallel streams and sorts run on the common fork-join pool
        }
        if (name.equals("java/lang/Class") && !CLASS_METHODS_ALLOWED.contains(member)) {
            return REFLECTION;
        }
        if (name.equals("java/lang/Enum") && member.equals("getDeclaringClass")) {
            return null;
        }
        if (member.equals(SYSTEM_PROPERTY_READERS.get(name))) {
            return PROCESS; // these read system properties
        }
        if (HARMLESS_IO.contains(name) && !name.endsWith("Exception")) {
            return FILES; // naming ObjectInput is fine, reading from one is not
        }
        if (BOOTSTRAP_CLASSES.contains(name)) {
            return BOOTSTRAP_METHODS.contains(name + "." + member) ? null : REFLECTION;
        }
        if (ENGINE_MEMBERS.containsKey(name)) {
            return ENGINE_MEMBERS.get(name).contains(member) ? null : REFLECTION;
        }
        return null;
    }

    /** What code the engine generated around the rules, or the pack's linking, may never reach (see below). */
    private static final Set<String> CAPABILITY_CLASSES = Set.of("java/lang/System", "java/lang/Runtime",
            "java/lang/Process", "java/lang/ProcessBuilder", "java/lang/ProcessHandle", "java/lang/Thread",
            "java/lang/ThreadGroup", "java/util/Timer", "java/io/RandomAccessFile");
    private static final List<String> CAPABILITY_PACKAGES = List.of("java/nio/file/", "java/nio/channels/",
            "java/net/", "javax/net/", "java/lang/reflect/", "javax/script/", "java/util/concurrent/");

    /**
     * Why a class, named by code the engine generated around the rules (Drools' invokers), is refused: only the
     * capabilities themselves, since that code legitimately reads its own bytecode through a class loader and calls
     * the engine.
     */
    static Reach ofEngineCode(String internalName, String member) {
        String name = elementType(internalName);
        if (name == null) {
            return null;
        }
        if (refusedAtLink(name)) {
            Reach reach = ofClass(name, Set.of());
            return reach == null ? REFLECTION : reach;
        }
        boolean reflective = member != null && (member.equals("forName") || member.equals("newInstance")
                || member.startsWith("getDeclared") || member.startsWith("getMethod") || member.startsWith("getField")
                || member.startsWith("getConstructor"));
        return name.equals("java/lang/Class") && reflective ? REFLECTION : null;
    }

    /**
     * Whether classes generated for a pack may not even be linked to {@code name} (a runtime backstop behind the
     * compiled-code check: the JVM then throws NoClassDefFoundError). Only classes no generated code needs: System,
     * Runtime, processes, threads, timers, executors, reflection, scripting, files and sockets.
     */
    static boolean refusedAtLink(String name) {
        String internal = name.replace('.', '/');
        String outer = internal.contains("$") ? internal.substring(0, internal.indexOf('$')) : internal;
        if (CAPABILITY_CLASSES.contains(outer) || internal.startsWith("java/io/File")) {
            return true;
        }
        return !internal.startsWith("java/util/concurrent/atomic/")
                && CAPABILITY_PACKAGES.stream().anyMatch(internal::startsWith);
    }

    /** {@code [[Ljava/lang/String;} is {@code java/lang/String}; a primitive array is null (nothing to check). */
    private static String elementType(String internalName) {
        if (!internalName.startsWith("[")) {
            return internalName;
        }
        String element = internalName.replaceFirst("^\\[+", "");
        return element.startsWith("L") && element.endsWith(";") ? element.substring(1, element.length() - 1) : null;
    }
}
