package org.loyaltyrules.rules.internal;

import java.util.List;

/**
 * DRL that tries each capability the issue names (stop the JVM, read a file, open a socket, start a thread, use
 * reflection, change the JVM's settings) or makes an outcome depend on when it runs (the wall clock, random numbers)
 * in a way {@link DrlLint}'s regular expressions miss: split over lines, spaced out, behind unicode escapes inside a string
 * literal or a comment (Java translates them before it reads the string or the comment), through {@code javax.net},
 * timers and executors whose names the lint does not list, through MVEL in a pattern or in an annotation that Drools
 * evaluates while it builds, or through the MVEL dialect. Some are hidden behind a {@code '"'} char literal (or an
 * MVEL {@code '"'} string), which the lint once took for the start of a string; it reads single-quoted literals now,
 * so it finds those ({@link Attempt#lintMisses}), and the guard's layers must refuse them all the same. Used by
 * {@code DrlGuardTest} and {@link DrlGuardLayersTest}.
 */
public final class Escapes {

    private Escapes() {
    }

    /**
     * One attempt: {@code header} goes after the imports, {@code attributes} after the rule name, {@code when}
     * replaces the pattern, {@code then} is the consequence. {@code javaConsequence} says whether the escape is in Java
     * code (which the compiled-code check sees too). {@code refused} is what the compiled-code check must name.
     */
    public record Attempt(String name, String header, String attributes, String when, String then,
                          boolean javaConsequence, String refused) {

        @Override
        public String toString() {
            return name;
        }

        /** Whether the lint misses it: all but those hidden behind a {@code '"'} literal, which the lint reads. */
        public boolean lintMisses() {
            return !(header + attributes + when + then).contains("'\"'");
        }

        /** The whole file, earning/sneaky.drl, with the rule "Sneaky rule". */
        public String drl() {
            return """
                    package org.loyaltyrules.rules.earning;
                    import org.loyaltyrules.rules.facts.*;
                    %s
                    rule "Sneaky rule"
                        %s
                        ruleflow-group "earning"
                    when
                        %s
                    then
                        %s
                    end
                    """.formatted(header, attributes, when, then);
        }
    }

    private static final String INTENT = "@intent(\"tries to escape\")";
    private static final String WHEN = "EligiblePurchase( $event : eventId )";
    private static final String INSERT = "insert( PointsAward.fixed( $event, \"x\", 1 ) );";

    private static Attempt java(String name, String then, String refused) {
        return new Attempt(name, "", INTENT, WHEN, then, true, refused);
    }

    public static final List<Attempt> ALL = List.of(
            java("System.exit split over two lines", "System\n        .exit( 1 );", "java.lang.System.exit"),
            java("Runtime.halt after a '\"' char literal",
                    "char quote = '\"'; Runtime.getRuntime().halt( 0 ); String s = \"\";", "java.lang.Runtime"),
            java("System.exit in unicode escapes inside a string literal",
                    "String s = \"\\u0022; System.exit( 1 ); String t = \\u0022\";", "java.lang.System.exit"),
            java("System.exit after a unicode line break inside a // comment",
                    "// nothing to see \\u000a System.exit( 1 );", "java.lang.System.exit"),
            new Attempt("Runtime.halt in a function, after a '\"' char literal",
                    "function void stop() {\n"
                            + "    char quote = '\"'; Runtime.getRuntime().halt( 0 ); String s = \"\";\n}",
                    INTENT, WHEN, "stop();", true, "java.lang.Runtime.getRuntime"),
            java("a file read through java . io, spaced out",
                    "new java . io . FileReader( \"/etc/passwd\" ).read();", "java.io.FileReader"),
            java("a file read through java.nio.file after a '\"' char literal",
                    "char quote = '\"'; java.nio.file.Files.readString( java.nio.file.Path.of( \"/etc/passwd\" ) );",
                    "java.nio.file."),
            new Attempt("a socket through an imported javax.net.SocketFactory", "import javax.net.SocketFactory;",
                    INTENT, WHEN, "SocketFactory.getDefault().createSocket( \"example.com\", 80 );", true,
                    "javax.net.SocketFactory"),
            java("a java.net.Socket after a '\"' char literal",
                    "char quote = '\"'; new java.net.Socket( \"example.com\", 80 );", "java.net.Socket"),
            java("a thread through java.util.Timer",
                    "new java.util.Timer().schedule( new java.util.TimerTask() { public void run() { } }, 0L );",
                    "java.util.Timer"),
            java("a thread through a ScheduledThreadPoolExecutor",
                    "new java.util.concurrent.ScheduledThreadPoolExecutor( 1 ).execute( () -> { } );",
                    "java.util.concurrent.ScheduledThreadPoolExecutor"),
            java("threads through a parallel stream", "java.util.List.of( 1, 2 ).parallelStream().count();",
                    "parallelStream"),
            java("Class.forName split over two lines", "Class\n        .forName( \"java.lang.Runtime\" );",
                    "java.lang.Class.forName"),
            java("getClass().getMethod() split over two lines",
                    "$event.\n        getClass().getMethod( \"length\" ).invoke( $event );",
                    "java.lang.Class.getMethod"),
            java("setAccessible after a '\"' char literal",
                    "char quote = '\"'; String.class.getMethod( \"length\" ).setAccessible( true );",
                    "java.lang.reflect.Method.setAccessible"),
            new Attempt("System.getProperty in an MVEL pattern constraint", "", INTENT,
                    "EligiblePurchase( $event : eventId, eventId != System\n        .getProperty( \"user.home\" ) )",
                    INSERT, false, null),
            new Attempt("a thread through a java.util.Timer in an MVEL pattern constraint", "", INTENT,
                    "EligiblePurchase( $event : eventId, eventId != new java.util.Timer().toString() )",
                    INSERT, false, null),
            new Attempt("reflection through MVEL's .class in a pattern constraint", "", INTENT,
                    "EligiblePurchase( $event : eventId, eventId.class.name != \"\" )", INSERT, false, null),
            new Attempt("System in an annotation, which Drools evaluates with MVEL while it builds", "",
                    "@intent( '\"' + java.lang.System.setProperty( \"loyalty.guard.breached\", \"annotation\" ) )",
                    WHEN, INSERT, false, null),
            new Attempt("the MVEL dialect", "", INTENT + " dialect \"mvel\"", WHEN, INSERT, false, null),
            java("the default locale of the whole JVM changed",
                    "java.util.Locale.setDefault( java.util.Locale.FRANCE );", "java.util.Locale.setDefault"),
            java("the wall clock read through System.currentTimeMillis", "long now = System.currentTimeMillis();",
                    "java.lang.System.currentTimeMillis"),
            java("the wall clock read through new java.util.Date()", "long now = new java.util.Date().getTime();",
                    "new java.util.Date"),
            java("random numbers drawn through a java.util.Random", "int roll = new java.util.Random().nextInt( 6 );",
                    "java.util.Random"),
            new Attempt("the wall clock read in an MVEL pattern constraint", "", INTENT,
                    "EligiblePurchase( $event : eventId, eventId != java.time.LocalDate.now().toString() )", INSERT,
                    false, null));
}
