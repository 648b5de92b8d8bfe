package org.loyaltyrules.testkit.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.loyaltyrules.rules.Program;

/** The reference programs of loyalty-examples, read from their folders (surefire runs in the module directory). */
public final class ReferencePrograms {

    public static final Path ROOT = Path.of("..", "loyalty-examples", "programs");

    private ReferencePrograms() {
    }

    public static Program load(String name) {
        return Program.load(ROOT.resolve(name));
    }

    /** The names of the folders that hold a program.json. */
    public static List<String> names() {
        try (Stream<Path> folders = Files.list(ROOT)) {
            return folders.filter(f -> Files.isRegularFile(f.resolve("program.json")))
                    .map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + ROOT.toAbsolutePath(), e);
        }
    }
}
