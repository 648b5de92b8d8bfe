package org.loyaltyrules.examples.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The {@code --out} folder, checked before any work (a replay of a long history is not wasted on a folder that cannot
 * be written), and file-system errors said in words: which file, and why.
 */
final class OutFolder {

    private OutFolder() {
    }

    /**
     * Refuses an --out that is a file, or that cannot be created or written, as a usage error (exit 2): the command
     * line must change before anything can run. Creates nothing.
     */
    static void check(Path out, CommandLine commandLine) {
        if (out == null) {
            return;
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(commandLine, "--out " + out + " is a file, not a folder");
        }
        Path existing = out.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw new CommandLine.ParameterException(commandLine, "--out " + out + " cannot be created: " + existing
                    + " is a file");
        }
        if (!Files.isWritable(existing)) {
            throw new CommandLine.ParameterException(commandLine, "--out " + out + ": no permission to write in "
                    + existing);
        }
    }

    /** Why an I/O operation failed, e.g. "permission denied: /data/x.csv" rather than the bare path Java gives. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or folder: " + n.getFile();
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " exists and is not a folder";
        }
        if (e instanceof NotDirectoryException d) {
            return d.getFile() + " is not a folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + ": " + f.getFile();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
