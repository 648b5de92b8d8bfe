package org.loyaltyrules.spring;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the engine's program in step with {@code loyalty.program-dir}: every {@code interval} it takes a digest of
 * the folder's files (paths and contents) and, when the digest changed, loads and compiles the folder and swaps the
 * new program in ({@link LoyaltyEngine#reload}: evaluations do not pause while it compiles, and each decision names
 * one program version; with the JDBC store, {@code LoyaltyService.reload} pauses the service's applies for the check
 * of the stored tiers and the swap). A folder that does not load or compile leaves the current program serving; its problems are in
 * {@link #status()} (and the health endpoint) until a later change compiles. A half-written file is just such a
 * failure, followed by a successful reload once the file is complete. A program the application cannot serve (the
 * {@code reload} given to the constructor throws, e.g. {@code LoyaltyService.reload} refusing ids longer than the
 * store's columns or a ladder without a tier stored members hold) is such a failure too, but one that depends on the
 * store as well as the files: the same files are tried again once saved again (a new modification time) or on an
 * explicit {@link #check()}, so that migrating the members and saving the folder puts them in service.
 * A changed folder whose program keeps the id and version of the serving one is swapped in, with a warning in the log
 * and {@link Status#versionUnchanged()}.
 */
public final class ProgramReloader implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ProgramReloader.class);

    /**
     * What the engine serves and how the last reload went.
     *
     * @param source        {@code dir:/path} or {@code classpath:programs/x}
     * @param loadedAt      when the serving program was swapped in (for the first, when the reloader was made)
     * @param lastCheckAt   when the folder was last compared (null: never)
     * @param lastFailureAt when a reload last failed (null: never)
     * @param problems      the problems of the last reload attempt when it failed, empty when it succeeded
     * @param versionUnchanged the serving program was swapped in from changed files under the id and version of the
     *                      program before it: decisions naming that version follow two different programs
     */
    public record Status(String source, String programId, String programVersion, Instant loadedAt,
                         Instant lastCheckAt, Instant lastFailureAt, List<Problem> problems, long reloads,
                         long failures, boolean versionUnchanged) {

        public Status {
            problems = List.copyOf(problems);
        }

        /** Whether the last reload attempt failed (the previous program still serves). */
        public boolean lastReloadFailed() {
            return !problems.isEmpty();
        }
    }

    private final LoyaltyEngine engine;
    private final String source;
    private final Path dir;
    private final Duration interval;
    private final Clock clock;
    private final Consumer<Program> reload;
    private volatile Status status;
    private volatile String digest;
    /** The digest of the folder the serving program was loaded from. */
    private volatile String servingDigest;
    /** Whether the last check could not read the folder: an outage counts one failure, not one per check. */
    private boolean unreadable;
    /** The problems of the files of {@code digest} when they did not load (empty when they serve). */
    private List<Problem> digestProblems = List.of();
    /**
     * The files' modification times when the reload refused a program that loaded and compiled (the store's members
     * hold a tier it lacks, ...), null otherwise: such a refusal depends on the store, not only on the files, so the
     * same files are tried again once saved again (or on an explicit {@link #check()}), not on every tick, which would
     * compile the program and pause the service's applies for the check every interval.
     */
    private String refusedStamp;
    private ScheduledExecutorService timer;

    /**
     * A reloader of {@code dir} (null: a program that never changes, from {@code source}) into {@code engine}
     * ({@link LoyaltyEngine#reload(Program)}).
     */
    public ProgramReloader(LoyaltyEngine engine, String source, Path dir, Duration interval, Clock clock) {
        this(engine, source, dir, interval, clock, engine::reload);
    }

    /**
     * A reloader that puts a changed program in service with {@code reload}: {@code engine::reload}, or
     * {@code LoyaltyService::reload} when a JDBC store keeps the members (it checks the stored tiers with its applies
     * paused for the swap). When {@code reload} throws, the exception's message is the failed reload's problem and
     * the current program keeps serving; {@code reload} must swap into {@code engine}, whose program the status
     * reports.
     */
    public ProgramReloader(LoyaltyEngine engine, String source, Path dir, Duration interval, Clock clock,
                           Consumer<Program> reload) {
        this.reload = requireNonNull(reload, "reload");
        this.engine = requireNonNull(engine, "engine");
        this.source = requireNonNull(source, "source");
        this.dir = dir;
        this.interval = requireNonNull(interval, "interval");
        if (dir != null && (interval.isNegative() || interval.isZero())) { // unused (and unchecked) when not watching
            throw new IllegalArgumentException("loyalty.reload.interval must be positive, was " + interval);
        }
        if (dir != null && interval.toMillis() < 1) { // the timer schedules whole milliseconds, and refuses 0
            throw new IllegalArgumentException("loyalty.reload.interval must be at least 1ms, was " + interval);
        }
        this.clock = requireNonNull(clock, "clock");
        Program program = engine.program();
        this.status = new Status(source, program.id(), program.version(), clock.instant(), null, null, List.of(), 0, 0,
                false);
        this.digest = dir == null ? "" : digest(dir);
        this.servingDigest = digest;
    }

    public Status status() {
        return status;
    }

    /**
     * Compares the folder with the last one loaded and reloads it when it changed; returns the status after. Files the
     * reload refused for the store's state (stored members hold a tier the program lacks) are tried again by this call
     * even when unchanged, after the members were migrated; the timer tries them again once the files are saved again
     * (a new modification time). Called by the timer; call it yourself for an immediate check.
     */
    public Status check() {
        return check(true);
    }

    /** The timer's check: files the reload refused for the store's state are tried again once saved again. */
    Status scheduledCheck() {
        return check(false);
    }

    private synchronized Status check(boolean explicit) {
        if (dir == null) {
            return status;
        }
        Instant now = clock.instant();
        String current;
        try {
            current = digest(dir);
        } catch (UncheckedIOException e) {
            List<Problem> problems = List.of(new Problem(dir.toString(), "cannot read the program folder: "
                    + e.getMessage()));
            if (unreadable) {
                // the same outage, checked again: one failure however long it lasts (every 2 s would count 1,800
                // refused reloads an hour)
                status = withCheck(status, now, problems);
                return status;
            }
            unreadable = true;
            return fail(now, problems);
        }
        unreadable = false;
        boolean retry = refusedStamp != null && (explicit || !refusedStamp.equals(stamp(dir)));
        if (current.equals(digest) && !retry) {
            // the files last looked at: those that serve (nothing is wrong any more, after a moment the folder could
            // not be read), or broken ones, whose own problems show again rather than the outage's
            status = withCheck(status, now, current.equals(servingDigest) ? List.of() : digestProblems);
            return status;
        }
        refusedStamp = null;
        try {
            Program program = Program.load(dir);
            reload.accept(program);
            if (engine.program() != program) {
                throw new IllegalStateException("the reload returned without putting program " + program.id() + " "
                        + program.version() + " in service");
            }
            Instant swapped = clock.instant(); // after compiling and warming up: the old program served until now
            Status s = status;
            // back to the files that serve (after a failed attempt) is the same program, not a new one
            boolean versionUnchanged = current.equals(servingDigest) ? s.versionUnchanged()
                    : program.id().equals(s.programId()) && program.version().equals(s.programVersion());
            digest = current;
            servingDigest = current;
            digestProblems = List.of();
            status = new Status(source, program.id(), program.version(), swapped, now, s.lastFailureAt(), List.of(),
                    s.reloads() + 1, s.failures(), versionUnchanged);
            LOG.info("loyalty program reloaded from {}: {} {}", dir, program.id(), program.version());
            if (versionUnchanged) {
                LOG.warn("loyalty program {} reloaded from changed files under the same version {}: decisions naming "
                        + "{} now follow other rules than before; give each change of the program its own version",
                        program.id(), program.version(), program.version());
            }
        } catch (ProgramException e) {
            digest = current; // the same broken files are not compiled again; the next change is
            digestProblems = e.problems().isEmpty() ? List.of(new Problem(dir.toString(), e.getMessage()))
                    : e.problems();
            return fail(now, digestProblems);
        } catch (RuntimeException e) {
            // refused by the reload (the store's members, ...), not by the files: tried again when saved again
            digest = current;
            refusedStamp = stamp(dir);
            digestProblems = List.of(new Problem(dir.toString(), String.valueOf(e.getMessage())));
            return fail(now, digestProblems);
        }
        return status;
    }

    private Status fail(Instant now, List<Problem> problems) {
        Status s = status;
        status = new Status(s.source(), s.programId(), s.programVersion(), s.loadedAt(), now, now, problems,
                s.reloads(), s.failures() + 1, s.versionUnchanged());
        LOG.warn("loyalty program in {} not reloaded, {} {} keeps serving: {}", dir, s.programId(), s.programVersion(),
                problems);
        return status;
    }

    private static Status withCheck(Status s, Instant now, List<Problem> problems) {
        return new Status(s.source(), s.programId(), s.programVersion(), s.loadedAt(), now, s.lastFailureAt(),
                problems, s.reloads(), s.failures(), s.versionUnchanged());
    }

    /** Every regular file's relative path and modification time, in path order ("" when it cannot be read). */
    static String stamp(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            StringBuilder stamp = new StringBuilder();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                stamp.append(dir.relativize(file)).append('\0').append(Files.getLastModifiedTime(file)).append('\0');
            }
            return stamp.toString();
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    /** SHA-256 over every regular file's relative path and bytes, in path order. */
    static String digest(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                sha.update(dir.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(file));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- lifecycle: the timer runs while the context does

    @Override
    public synchronized void start() {
        if (dir == null || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "loyalty-program-reload");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                scheduledCheck();
            } catch (RuntimeException e) {
                LOG.error("loyalty program check failed", e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
