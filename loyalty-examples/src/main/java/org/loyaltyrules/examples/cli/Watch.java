package org.loyaltyrules.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * What a watching command reads, and when it changed: each program folder's {@code program.json} and
 * {@code rules/**}{@code /*.drl} (what {@code Program.load} reads; scenarios and READMEs do not count) and the events
 * file. The files are polled, not watched through the file system's notifications: a few small files are cheap to
 * look at, and polling sees a change on every file system and operating system alike (the JDK's watch service polls
 * every ten seconds on macOS). A program file counts as changed when its text changes (an editor saving the same
 * text is no change); the events file, which may be large, when its size or modification time does.
 */
final class Watch {

    /** How often the files are looked at, and how long a change must stay put before it counts. */
    static final long POLL_MILLIS = 200;

    /** Files up to this size are compared by their text; larger ones by size and modification time. */
    private static final long COMPARED_BY_TEXT = 1 << 20;

    private final List<Path> folders;
    private final Path file;

    /**
     * Watches {@code file} and the program folders. A file reached through two spellings of one folder ({@code p} and
     * {@code ./p}, a relative and an absolute path, a link to it) is looked at once, under the first: which file a
     * spelling reaches is decided at every look, so a link moved to another folder is followed.
     */
    Watch(Path file, Path... folders) {
        this.file = Objects.requireNonNull(file, "file");
        this.folders = Stream.of(folders).distinct().toList();
    }

    /** A stamp of each watched file now, by its path; a missing file is absent. */
    Map<String, String> look() {
        Map<String, String> seen = new LinkedHashMap<>();
        Set<Path> looked = new HashSet<>(); // the files themselves, whatever the spelling that reached them
        folders.forEach(folder -> {
            lookAt(folder.resolve("program.json"), seen, looked);
            Path rules = folder.resolve("rules");
            if (Files.isDirectory(rules)) {
                try (Stream<Path> files = Files.walk(rules)) {
                    files.filter(p -> p.toString().endsWith(".drl")).sorted().forEach(p -> lookAt(p, seen, looked));
                } catch (IOException | UncheckedIOException e) {
                    seen.put(rules.toString(), "unreadable"); // e.g. a file removed during the walk: look again
                }
            }
        });
        lookAt(file, seen, looked);
        return seen;
    }

    /**
     * Waits until what {@link #look} sees differs from {@code before} and then stays the same for one more poll (an
     * editor or {@code git checkout} writing several files is one change), and returns what it sees then.
     */
    Map<String, String> awaitChange(Map<String, String> before) throws InterruptedException {
        Map<String, String> now = before;
        while (now.equals(before)) {
            Thread.sleep(POLL_MILLIS);
            now = look();
        }
        Map<String, String> settled = now;
        do {
            now = settled;
            Thread.sleep(POLL_MILLIS);
            settled = look();
        } while (!settled.equals(now));
        return now;
    }

    /** The files whose stamp differs, were added or were removed, in order, as paths a reader can find. */
    static List<String> changed(Map<String, String> before, Map<String, String> after) {
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            String was = before.get(name);
            String is = after.get(name);
            if (!Objects.equals(was, is)) {
                changed.add(name + (was == null ? " (new)" : is == null ? " (removed)" : ""));
            }
        }
        return changed;
    }

    private static void lookAt(Path path, Map<String, String> seen, Set<Path> looked) {
        if (!looked.add(theFile(path))) {
            return; // the same file under another spelling, looked at already
        }
        try {
            long size = Files.size(path);
            String stamp = size <= COMPARED_BY_TEXT
                    ? "text " + crcOf(path)
                    : "size " + size + " modified " + Files.getLastModifiedTime(path).toMillis();
            seen.put(path.toString(), stamp);
        } catch (NoSuchFileException e) {
            // absent: a removed file shows as removed
        } catch (IOException e) {
            seen.put(path.toString(), "unreadable");
        }
    }

    /** The file a path reaches: its real path, or its normalised absolute path while it does not exist. */
    private static Path theFile(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static long crcOf(Path path) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }
}
