package org.loyaltyrules.rules;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.loyaltyrules.rules.internal.RuleSource;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramException;
import org.loyaltyrules.rules.program.ProgramJson;
import org.loyaltyrules.rules.program.ProgramSettings;
import org.loyaltyrules.rules.program.ProgramText;

/**
 * A loyalty program: its settings ({@code program.json}) and its rules, the standard DRL pack plus any
 * {@code rules/**}{@code /*.drl} of the program, where a program file replaces the standard file with the same
 * relative path (e.g. {@code rules/earning/base-earn.drl}). Immutable.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Program {

    private static final String PACK_ROOT = "org/loyaltyrules/rules/";

    private final ProgramSettings settings;
    private final List<RuleSource> rules;

    private Program(ProgramSettings settings, List<RuleSource> rules) {
        this.settings = requireNonNull(settings, "settings");
        this.rules = List.copyOf(rules);
    }

    /** A program built in code, evaluated by the standard rule pack. */
    public static Program of(ProgramSettings settings) {
        return new Program(settings, standardPack());
    }

    /**
     * A program built in code with extra or replacing DRL files, keyed by relative path
     * ({@code earning/my-bonus.drl}).
     */
    public static Program of(ProgramSettings settings, Map<String, String> drlByPath) {
        Map<String, RuleSource> pack = byPath(standardPack());
        drlByPath.forEach((path, text) -> pack.put(path, new RuleSource(path, "program:" + path, text)));
        return new Program(settings, new ArrayList<>(pack.values()));
    }

    /**
     * Loads {@code folder/program.json} and {@code folder/rules/**}{@code /*.drl}; a {@code rules} that is a file, not
     * a folder, is an error.
     */
    public static Program load(Path folder) {
        requireNonNull(folder, "folder");
        Path json = folder.resolve("program.json");
        String text;
        try {
            text = ProgramText.read(json, json.toString());
        } catch (NoSuchFileException e) {
            throw new ProgramException("cannot load program " + folder,
                    List.of(new Problem(json.toString(), "file not found: a program folder holds program.json")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + json, e);
        }
        ProgramSettings settings = ProgramJson.parse(text, json.toString());
        Map<String, RuleSource> pack = byPath(standardPack());
        Path rulesDir = folder.resolve("rules");
        if (Files.exists(rulesDir) && !Files.isDirectory(rulesDir)) {
            // else the program would silently run the standard pack alone
            throw new ProgramException("cannot load program " + folder, List.of(new Problem(rulesDir.toString(),
                    "is a file, not a folder: a program folder's rules/ is a folder of .drl files "
                            + "(rules/earning/my-bonus.drl); remove the file or make it that folder")));
        }
        if (Files.isDirectory(rulesDir)) {
            readDrl(rulesDir, rulesDir.toString()).forEach(s -> pack.put(s.path(), s));
        }
        return new Program(settings, new ArrayList<>(pack.values()));
    }

    /** Loads a program packaged on the classpath under {@code resourceFolder} (e.g. {@code programs/retail-basic}). */
    public static Program fromClasspath(String resourceFolder) {
        String root = resourceFolder.endsWith("/") ? resourceFolder.substring(0, resourceFolder.length() - 1) : resourceFolder;
        String json = readResource(root + "/program.json");
        if (json == null) {
            throw new ProgramException("cannot load program classpath:" + root,
                    List.of(new Problem("classpath:" + root + "/program.json", "resource not found")));
        }
        ProgramSettings settings = ProgramJson.parse(json, "classpath:" + root + "/program.json");
        Map<String, RuleSource> pack = byPath(standardPack());
        URL rulesUrl = Program.class.getClassLoader().getResource(root + "/rules");
        if (rulesUrl != null) {
            withPath(rulesUrl, dir -> readDrl(dir, "classpath:" + root + "/rules").forEach(s -> pack.put(s.path(), s)));
        }
        return new Program(settings, new ArrayList<>(pack.values()));
    }

    public ProgramSettings settings() {
        return settings;
    }

    public String id() {
        return settings.id();
    }

    public String version() {
        return settings.version();
    }

    /** Relative paths of the DRL files in this program's pack, in compile order. */
    public List<String> rulePaths() {
        return rules.stream().map(RuleSource::path).toList();
    }

    /**
     * The program's own rule files, by relative path in compile order, each mapped to whether it replaces the
     * standard file of the same path ({@code true}) or is added to the pack ({@code false}). A file meant to replace a
     * standard one but saved under another name shows here as added, next to the standard file it was meant to
     * replace.
     */
    public Map<String, Boolean> ownRuleFiles() {
        Set<String> standardPaths = new HashSet<>();
        standardPack().forEach(source -> standardPaths.add(source.path()));
        Map<String, Boolean> own = new LinkedHashMap<>();
        for (RuleSource source : rules) {
            if (!source.origin().startsWith("standard:")) {
                own.put(source.path(), standardPaths.contains(source.path()));
            }
        }
        return Collections.unmodifiableMap(own);
    }

    /** This program with other settings and the same rules (e.g. a what-if on one number). */
    public Program withSettings(ProgramSettings newSettings) {
        return new Program(newSettings, rules);
    }

    List<RuleSource> ruleSources() {
        return rules;
    }

    private static Map<String, RuleSource> byPath(List<RuleSource> sources) {
        Map<String, RuleSource> map = new LinkedHashMap<>();
        sources.forEach(s -> map.put(s.path(), s));
        return map;
    }

    static List<RuleSource> standardPack() {
        String index = readResource(PACK_ROOT + "standard-pack.txt");
        if (index == null) {
            throw new IllegalStateException("standard rule pack index " + PACK_ROOT + "standard-pack.txt is missing");
        }
        List<RuleSource> sources = new ArrayList<>();
        for (String line : index.split("\r?\n")) {
            String path = line.trim();
            if (path.isEmpty()) {
                continue;
            }
            String text = readResource(PACK_ROOT + path);
            if (text == null) {
                throw new IllegalStateException("standard rule file " + PACK_ROOT + path + " is missing");
            }
            sources.add(new RuleSource(path, "standard:" + path, text));
        }
        return sources;
    }

    private static String readResource(String name) {
        try (InputStream in = Program.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : ProgramText.decode(in.readAllBytes(), "classpath:" + name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }

    /**
     * Files under the folder's rules/ named like rule files but for the case of their extension ({@code .DRL},
     * {@code .Drl}): the pack reads {@code *.drl} only, so such a file is silently left out (validate warns).
     */
    static List<Problem> unreadRuleFiles(Path folder) {
        Path rulesDir = folder.resolve("rules");
        if (!Files.isDirectory(rulesDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(rulesDir)) {
            return files.filter(Files::isRegularFile).map(Path::toString)
                    .filter(name -> name.toLowerCase(java.util.Locale.ROOT).endsWith(".drl") && !name.endsWith(".drl"))
                    .sorted().map(name -> new Problem(name, "is not read: rule files end in .drl, in lower case"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules under " + rulesDir, e);
        }
    }

    private static List<RuleSource> readDrl(Path dir, String originPrefix) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<RuleSource> sources = new ArrayList<>();
            List<Problem> notText = new ArrayList<>();
            for (Path file : files.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                String relative = dir.relativize(file).toString().replace('\\', '/');
                String origin = originPrefix + "/" + relative;
                try {
                    sources.add(new RuleSource(relative, origin, ProgramText.read(file, origin)));
                } catch (ProgramException e) {
                    notText.addAll(e.problems()); // every such file at once, like compile errors
                }
            }
            if (!notText.isEmpty()) {
                throw new ProgramException("cannot read the rule files under " + originPrefix, notText);
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules under " + dir, e);
        }
    }

    private static void withPath(URL url, java.util.function.Consumer<Path> action) {
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                boolean opened = false;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                    opened = true;
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                try {
                    action.accept(fs.provider().getPath(uri));
                } finally {
                    if (opened) {
                        fs.close();
                    }
                }
            } else {
                action.accept(Path.of(uri));
            }
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot list rules at " + url, e);
        }
    }

    @Override
    public String toString() {
        return "Program[" + settings.id() + " " + settings.version() + ", " + rules.size() + " rule files]";
    }
}
