package org.loyaltyrules.jdbc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apiguardian.api.API;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.loyaltyrules.core.member.FeeRecord;
import org.loyaltyrules.core.member.GrowthEntry;
import org.loyaltyrules.core.member.GrowthLedger;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.member.MemberStatus;
import org.loyaltyrules.core.member.LineRecord;
import org.loyaltyrules.core.member.PurchaseRecord;
import org.loyaltyrules.core.member.RefundRecord;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.points.LedgerTotals;
import org.loyaltyrules.core.points.LotDraw;
import org.loyaltyrules.core.points.PointsLedger;
import org.loyaltyrules.core.points.PointsLot;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.core.points.RedemptionRecord;
import org.loyaltyrules.core.program.PeriodCount;
import org.loyaltyrules.core.program.PeriodCounters;
import org.loyaltyrules.core.tier.TierSource;
import org.loyaltyrules.core.tier.TierStatus;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.store.MemberJson;
import org.loyaltyrules.rules.store.MemberStore;
import org.loyaltyrules.rules.store.Pseudonyms;
import org.loyaltyrules.rules.store.StoredMember;
import org.loyaltyrules.rules.store.VersionConflictException;

/**
 * A {@link MemberStore} in a relational database (PostgreSQL, H2) with the schema of
 * {@code org/loyaltyrules/jdbc/migration}: the member row carries the version, the state's scalar parts and the ledger totals;
 * lots, redemptions and their draws, growth entries, counters, purchase and refund records are rows; postings and
 * processed event ids are append-only rows (but for {@link #erase}, which renames the review ids made of the member id
 * and replaces adjustment reasons, the two places the store put the person). A save writes only the rows that changed
 * since the version it is based on, and moves the version with {@code update ... where version = ?} before writing
 * anything else, so that a concurrent writer waits on the member row and then fails its version check.
 *
 * <p>The last saved state of recently used members is kept in memory, keyed by version: a load reads the version
 * and reuses the kept state when it is still current (any writer, in any process, moves the version). Thread-safe.
 *
 * <p>Instants are stored with microsecond precision, between years 1 and 9999; a state holding another instant is
 * refused with {@link IllegalArgumentException} and nothing of it is committed. So is a state holding an id a program
 * defines (tier, growth metric, cap or benefit) of more than 100 characters; {@link #requireHolds} refuses such a
 * program before any member meets it. So is text holding the NUL character or an unpaired UTF-16 surrogate, on every
 * database alike (PostgreSQL refuses the one and turns the other into '?'); a member or event id holding one names
 * nothing stored ({@link #load} is empty, {@link #erase} erases nothing).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JdbcMemberStore implements MemberStore {

    /** Where the schema migrations are: add it to your own Flyway's locations, or call {@link #migrate}. */
    public static final String MIGRATIONS = "classpath:org/loyaltyrules/jdbc/migration";
    /** The Flyway history table of this schema, separate from the embedding application's. */
    public static final String HISTORY_TABLE = "loyalty_schema_history";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final TypeReference<List<Map<String, Object>>> FEE_ROWS = new TypeReference<>() { };
    private static final TypeReference<List<Map<String, String>>> LINE_ROWS = new TypeReference<>() { };

    private static final String MISSING_SALT = "pseudonym salt must have at least 16 characters, "
            + "was null (not set): erasure derives pseudonyms from this secret; pass it from configuration "
            + "(docs/embedding.md reads the environment variable LOYALTY_PSEUDONYM_SALT), or open a store that "
            + "cannot erase with JdbcMemberStore.withoutErasure(dataSource, cachedMembers)";

    private final DataSource dataSource;
    private final Pseudonyms pseudonyms;
    private final Map<String, Snapshot> cache;
    /** Test hook: called between finding a member's row by id and reading it under its lock. */
    private volatile Consumer<String> lookedUp = memberId -> { };
    /**
     * The in-process writers' locks, striped by member id: {@link LoyaltyService} holds a member's stripe for each
     * attempt, so threads of this process that write one member queue here instead of losing version checks to each
     * other in the database (on PostgreSQL, at about 10 ms a commit, 8 threads lost events after 50 attempts); only
     * other processes contend there. Distinct members share a stripe rarely, and then only wait for each other.
     */
    private final ReentrantLock[] writers = new ReentrantLock[WRITER_STRIPES];

    private static final int WRITER_STRIPES = 1024;

    private JdbcMemberStore(DataSource dataSource, Pseudonyms pseudonyms, int cachedMembers) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
        this.pseudonyms = pseudonyms;
        for (int i = 0; i < writers.length; i++) {
            writers[i] = new ReentrantLock(true); // fair: a thread waiting for a busy member is not overtaken forever
        }
        this.cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Snapshot> eldest) {
                return size() > cachedMembers;
            }
        });
    }

    /**
     * A store on {@code dataSource} (bring your own pool), keeping up to 10,000 recently used members in memory;
     * erasures derive pseudonyms from {@code pseudonymSalt} (see {@link Pseudonyms}). Does not touch the schema:
     * call {@link #migrate} first or run {@link #MIGRATIONS} with your own Flyway.
     */
    public static JdbcMemberStore create(DataSource dataSource, String pseudonymSalt) {
        return create(dataSource, pseudonymSalt, 10_000);
    }

    /**
     * As {@link #create(DataSource, String)}, keeping up to {@code cachedMembers} members in memory (0: none).
     *
     * @throws IllegalArgumentException the salt is missing ({@code null}, e.g. an unset environment variable) or has
     *                                  fewer than 16 characters
     */
    public static JdbcMemberStore create(DataSource dataSource, String pseudonymSalt, int cachedMembers) {
        if (pseudonymSalt == null) {
            // the guide reads the salt from the environment: an unset variable arrives here as null
            throw new IllegalArgumentException(MISSING_SALT);
        }
        return create(dataSource, Pseudonyms.salted(pseudonymSalt), cachedMembers);
    }

    /**
     * A store for tools that load, save and export but never erase (a replay landing in a database): without a
     * pseudonym salt, {@link #erase} throws {@link IllegalStateException}.
     */
    public static JdbcMemberStore withoutErasure(DataSource dataSource, int cachedMembers) {
        return create(dataSource, (Pseudonyms) null, cachedMembers);
    }

    private static JdbcMemberStore create(DataSource dataSource, Pseudonyms pseudonyms, int cachedMembers) {
        if (cachedMembers < 0) {
            throw new IllegalArgumentException("cachedMembers must be >= 0, was " + cachedMembers);
        }
        return new JdbcMemberStore(dataSource, pseudonyms, cachedMembers);
    }

    /**
     * Creates or upgrades the schema in {@code dataSource} with Flyway ({@link #MIGRATIONS}, {@link #HISTORY_TABLE}), in
     * the schema its connections default to. A non-empty schema is baselined, so the store can live beside the
     * application's own tables, as long as none has a name of the store's ({@link #TABLES}).
     *
     * @throws IllegalStateException the default schema holds a table named as one of the store's and no
     *                               {@link #HISTORY_TABLE} (the application's own {@code members}, say), named; nothing
     *                               is created
     */
    public static void migrate(DataSource dataSource) {
        requireNonNull(dataSource, "dataSource");
        refuseTablesOfAnother(dataSource);
        refuseNewerSchema(dataSource);
        Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).table(HISTORY_TABLE)
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
    }

    /**
     * Refuses a store whose schema a newer loyalty upgraded past the migrations this one knows: writing to it would
     * drop what the newer schema keeps (the lines a version-3 store keeps per purchase, say). {@link #migrate} checks
     * it; an application that opens a store it migrates some other way can call it before {@code create}.
     *
     * @throws IllegalStateException the schema's version is newer than this library's last migration
     */
    public static void refuseNewerSchema(DataSource dataSource) {
        requireNonNull(dataSource, "dataSource");
        MigrationInfoService info = Flyway.configure().dataSource(dataSource).locations(MIGRATIONS)
                .table(HISTORY_TABLE).load().info();
        List<MigrationInfo> future = java.util.Arrays.stream(info.applied())
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS
                        || m.getState() == MigrationState.FUTURE_FAILED)
                .toList();
        if (!future.isEmpty()) {
            String known = java.util.Arrays.stream(info.all())
                    .filter(m -> m.getState() != MigrationState.FUTURE_SUCCESS
                            && m.getState() != MigrationState.FUTURE_FAILED && m.getVersion() != null)
                    .map(m -> m.getVersion().getVersion()).reduce((a, b) -> b).orElse("none");
            throw new IllegalStateException("the store holds loyalty schema version "
                    + future.get(future.size() - 1).getVersion() + ", newer than this loyalty knows (" + known
                    + "): a newer loyalty upgraded it, and this one would drop what that version keeps. Use the "
                    + "newer loyalty on it. Nothing was changed.");
        }
    }

    /** The tables of the store's schema ({@code V1__member_store.sql}), which no other table may be named as. */
    static final List<String> TABLES = List.of("members", "processed_event_ids", "postings", "lots", "redemptions",
            "redemption_draws", "growth_entries", "period_counters", "purchase_records", "refund_records");

    /**
     * Before Flyway baselines a schema without our history table: a table there named as one of ours belongs to
     * someone else, and Flyway would stop half-way with "Table MEMBERS already exists" after creating its history.
     */
    private static void refuseTablesOfAnother(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String schema = c.getSchema();
            if (schema == null) {
                // the connections name a schema that does not exist yet (PostgreSQL's currentSchema): it holds no
                // table of another, and Flyway creates it; listing the tables of a null schema would list every one
                return;
            }
            List<String> names = new ArrayList<>();
            try (ResultSet rs = meta.getTables(c.getCatalog(), pattern(schema, meta.getSearchStringEscape()), "%",
                    null)) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
            if (names.stream().anyMatch(HISTORY_TABLE::equalsIgnoreCase)) {
                return; // our schema, at some version: Flyway upgrades it
            }
            boolean upper = meta.storesUpperCaseIdentifiers();
            boolean lower = meta.storesLowerCaseIdentifiers();
            List<String> taken = names.stream().filter(name -> TABLES.contains(unquoted(name, upper, lower)))
                    .sorted().toList();
            if (!taken.isEmpty()) {
                throw new IllegalStateException("cannot create the loyalty store's tables in schema " + schema
                        + ": it already holds " + (taken.size() == 1 ? "table " : "tables ")
                        + String.join(", ", taken) + ", not the store's (the schema has no " + HISTORY_TABLE
                        + " table); the store needs the names " + String.join(", ", TABLES) + ". Give the store a "
                        + "schema of its own: migrate and open it on a DataSource whose connections default to a "
                        + "dedicated schema (docs/embedding.md section 2, \"A schema of its own\"). Nothing was "
                        + "created.");
            }
        } catch (SQLException e) {
            throw new JdbcFailure("cannot read the tables of the schema to migrate", e);
        }
    }

    /**
     * {@code name} in lower case when our unquoted DDL could have made it (the database folds unquoted names to
     * {@code upper} or {@code lower} case, or keeps them as written); a quoted "Members" of PostgreSQL stays as is.
     */
    private static String unquoted(String name, boolean upper, boolean lower) {
        boolean ours = upper ? name.equals(name.toUpperCase(Locale.ROOT))
                : !lower || name.equals(name.toLowerCase(Locale.ROOT));
        return ours ? name.toLowerCase(Locale.ROOT) : name;
    }

    private static String pattern(String schema, String escape) {
        if (schema == null || escape == null || escape.isEmpty()) {
            return schema;
        }
        return schema.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Checks that this store can hold the ids {@code program} defines: tier ids, growth metrics, cap and benefit ids of
     * at most 100 characters each. Call it where the application meets the program (startup, a reload), so that a
     * program the store cannot hold is refused before any member is evaluated with it, not on the first save that
     * meets a long id. {@link LoyaltyService} calls it when created and again when its engine's program changes.
     *
     * @throws IllegalArgumentException naming every id that does not fit, its kind and the limit
     */
    public void requireHolds(Program program) {
        requireNonNull(program, "program");
        StoreLimits.problemWith(program).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /**
     * Checks that every tier (and tier floor) the stored members hold is a tier of {@code program}: a program whose
     * ladder lost a tier they hold (a reload that removes or renames it) would refuse every event of theirs. Call it
     * before swapping such a program in; migrate the members first (rewrite their tier and floor). The starter's
     * reloader refuses the reload when it throws. One query, grouped by tier over every stored member.
     *
     * <p>It first forgets the states this store keeps in memory: a migration in plain SQL that rewrote the tiers but
     * left {@code version} as it was would otherwise pass the check while the cached state, current by its version,
     * still served the old tier. (Other processes' stores do not hear of it: bump {@code version} in such SQL.)
     *
     * @throws IllegalArgumentException naming each missing tier and how many members hold it, and the program's tiers
     */
    public void requireStoredTiersIn(Program program) {
        requireNonNull(program, "program");
        cache.clear(); // before the queries: a state cached after them was read after the check's snapshot
        Set<String> tiers = new LinkedHashSet<>();
        program.settings().ladder().tiers().forEach(t -> tiers.add(t.id()));
        Map<String, long[]> missing = new TreeMap<>(); // tier -> {as tier, as floor, as earned status beneath}
        List<String> columns = List.of("tier_id", "tier_floor", "tier_beneath_id");
        try (Connection c = dataSource.getConnection();
             Statement st = c.createStatement()) {
            for (int column = 0; column < columns.size(); column++) {
                String name = columns.get(column);
                try (ResultSet rs = st.executeQuery("SELECT " + name + ", count(*) FROM members WHERE " + name
                        + " IS NOT NULL GROUP BY " + name)) {
                    while (rs.next()) {
                        if (!tiers.contains(rs.getString(1))) {
                            missing.computeIfAbsent(rs.getString(1), t -> new long[3])[column] = rs.getLong(2);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new JdbcFailure("cannot read the tiers the stored members hold", e);
        }
        if (!missing.isEmpty()) {
            List<String> held = new ArrayList<>();
            missing.forEach((tier, n) -> {
                List<String> as = new ArrayList<>();
                if (n[0] > 0) {
                    as.add(n[0] + " as their tier");
                }
                if (n[1] > 0) {
                    as.add(n[1] + " as their floor");
                }
                if (n[2] > 0) {
                    as.add(n[2] + " as the earned status beneath a paid tier");
                }
                held.add("'" + tier + "' (" + String.join(", ", as) + ")");
            });
            throw new IllegalArgumentException("stored members hold tiers that program " + program.id() + " "
                    + program.version() + " does not have: " + String.join(", ", held) + "; its tiers are " + tiers
                    + ". Migrate those members to a tier of this program (their tier and tier floor" + (missing.values()
                    .stream().anyMatch(n -> n[2] > 0) ? ", and tier_beneath_id" : "") + ") before it serves them");
        }
    }

    // ---------------------------------------------------------------- MemberStore

    @Override
    public Optional<StoredMember> load(String memberId) {
        requireNonNull(memberId, "memberId");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Snapshot s = read(c, memberId);
            c.commit();
            return s == null ? Optional.empty() : Optional.of(new StoredMember(s.state(), s.version()));
        } catch (SQLException e) {
            throw new JdbcFailure("cannot load member " + memberId, e);
        }
    }

    @Override
    public void save(MemberState state, long expectedVersion) {
        requireNonNull(state, "state");
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must be >= 0, was " + expectedVersion);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Snapshot before = null;
            try {
                before = read(c, state.memberId());
                long current = before == null ? 0 : before.version();
                if (current != expectedVersion) {
                    throw new VersionConflictException(state.memberId(), expectedVersion, current);
                }
                Snapshot after = write(c, before, state, () -> { });
                try {
                    c.commit();
                } catch (SQLException e) {
                    // the connection may have died after the database committed: say so, not "nothing written"
                    throw new JdbcFailure("cannot save member " + state.memberId() + ": its commit failed, perhaps "
                            + "after the database wrote it; load the member to tell (version " + (current + 1)
                            + " if the save took effect)", e);
                }
                remember(after);
            } catch (DuplicateEventException e) {
                rollback(c);
                throw foreignEvent(state, before == null ? Set.of() : before.state().processedEventIds(), e);
            } catch (StoreLimits.Exceeded e) {
                rollback(c);
                throw new IllegalArgumentException(e.getMessage());
            } catch (RuntimeException | SQLException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new JdbcFailure("cannot save member " + state.memberId(), e);
        }
    }

    /** The {@link MemberStore#save} contract for an event id another member processed, naming both. */
    private IllegalArgumentException foreignEvent(MemberState state, Set<String> stored, DuplicateEventException e) {
        for (String eventId : state.processedEventIds()) {
            if (!stored.contains(eventId)) {
                Optional<String> owner = ownerOf(eventId);
                if (owner.isPresent() && !owner.get().equals(state.memberId())) {
                    return new IllegalArgumentException("event " + eventId + " of member " + state.memberId()
                            + " was already processed for another member, " + named(owner.get()), e);
                }
            }
        }
        // the other writer's transaction rolled back after ours failed: it is gone, but it was there
        return new IllegalArgumentException("an event id of member " + state.memberId()
                + " was processed for another member concurrently", e);
    }

    @Override
    public boolean isProcessed(String eventId) {
        return ownerOf(eventId).isPresent();
    }

    /** The member (or pseudonym) that processed {@code eventId}. */
    public Optional<String> ownerOf(String eventId) {
        requireNonNull(eventId, "eventId");
        try (Connection c = dataSource.getConnection()) {
            return ownerOf(c, eventId);
        } catch (SQLException e) {
            throw new JdbcFailure("cannot look up event " + eventId, e);
        }
    }

    /** As {@link #ownerOf(String)}, in the caller's transaction. */
    Optional<String> ownerOf(Connection c, String eventId) throws SQLException {
        if (StoreLimits.id("event id", eventId) != null) {
            return Optional.empty(); // never stored (see read)
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT m.member_id FROM processed_event_ids p "
                + "JOIN members m ON m.member_key = p.member_key WHERE p.event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<String> export(String memberId) {
        return load(memberId).map(m -> MemberJson.export(m.state(), m.version()));
    }

    @Override
    public Optional<String> erase(String memberId) {
        requireNonNull(memberId, "memberId");
        if (pseudonyms == null) {
            throw new IllegalStateException("this store was opened without a pseudonym salt and cannot erase; "
                    + "open it with JdbcMemberStore.create(dataSource, salt)");
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                cache.remove(memberId);
                Snapshot before = read(c, memberId);
                if (before == null) {
                    c.rollback();
                    return Optional.empty();
                }
                String pseudonym = unusedPseudonym(c, pseudonyms.pseudonymOf(memberId));
                MemberState erased = Pseudonyms.erased(before.state(), pseudonym);
                // The member row is re-keyed; the other rows reference its surrogate key and stay, but for the two
                // places the store itself put the person: review ids that TierReview.of made of the member id, and
                // the free-text reasons of adjustments.
                try (PreparedStatement ps = c.prepareStatement(UPDATE_MEMBER)) {
                    int next = bindMember(ps, erased, before.version() + 1);
                    ps.setLong(next, before.key());
                    ps.setLong(next + 1, before.version());
                    if (ps.executeUpdate() != 1) {
                        throw new VersionConflictException(memberId, before.version());
                    }
                }
                renameReviewIds(c, before, memberId, pseudonym);
                try (PreparedStatement ps = c.prepareStatement("UPDATE postings SET explanation = ? "
                        + "WHERE member_key = ? AND posting_type = 'ADJUST'")) {
                    ps.setString(1, Pseudonyms.ERASED_REASON);
                    ps.setLong(2, before.key());
                    ps.executeUpdate();
                }
                c.commit();
                cache.remove(memberId);
                return Optional.of(pseudonym);
            } catch (RuntimeException | SQLException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new JdbcFailure("cannot erase member " + memberId, e);
        }
    }

    /**
     * Renames the member's review ids as {@link Pseudonyms#erasedEventId} says ({@code review:<member id>:<at>} to
     * {@code review:<pseudonym>:<at>}), the rows of what {@link Pseudonyms#erased} does to the state.
     */
    private static void renameReviewIds(Connection c, Snapshot before, String memberId, String pseudonym)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE processed_event_ids SET event_id = ? WHERE event_id = ? AND member_key = ?")) {
            int rows = 0;
            for (String id : before.state().processedEventIds()) {
                String renamed = Pseudonyms.erasedEventId(id, memberId, pseudonym);
                if (!renamed.equals(id)) {
                    ps.setString(1, renamed);
                    ps.setString(2, id);
                    ps.setLong(3, before.key());
                    ps.addBatch();
                    rows++;
                }
            }
            if (rows > 0) {
                ps.executeBatch();
            }
        }
    }

    /**
     * The pseudonym for the next erasure of a member id: the id's own pseudonym the first time, {@code pseudonym-k}
     * for its k-th erasure (the id came back with new events and was erased again). Erased rows are never deleted,
     * so k is the number of earlier erasures plus one, the same whichever process erases.
     */
    private static String unusedPseudonym(Connection c, String pseudonym) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM members WHERE member_id = ? OR member_id LIKE ?")) {
            ps.setString(1, pseudonym);
            ps.setString(2, pseudonym + "-%"); // hex digits and '-' only: no LIKE wildcard in the pseudonym
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long earlier = rs.getLong(1);
                return Pseudonyms.numbered(pseudonym, earlier);
            }
        }
    }

    // ---------------------------------------------------------------- transaction parts (for LoyaltyService)

    /**
     * The member as stored, or null; reuses the kept state when its version is still current. The row is found by
     * member id without a lock, then read under its lock: an erasure that committed in between (this transaction
     * waited on its lock) renamed the row to a pseudonym, so the id is looked up again, and names no member now (or a
     * fresh one that enrolled under it since), as it would for a read after the erasure.
     */
    Snapshot read(Connection c, String memberId) throws SQLException {
        if (StoreLimits.id("member id", memberId) != null) {
            return null; // never stored; PostgreSQL would look up '?' for an unpaired surrogate, or fail on a NUL
        }
        long renamed = -1;
        while (true) {
            long key;
            long version;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT member_key, version FROM members WHERE member_id = ?")) {
                ps.setString(1, memberId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    key = rs.getLong(1);
                    version = rs.getLong(2);
                }
            }
            if (key == renamed) {
                // not an erasure: the database matched the id to a row stored under another id
                throw new IllegalStateException("member id " + memberId + " finds the member row " + key
                        + ", stored under another id: the database does not compare member ids exactly");
            }
            lookedUp.accept(memberId);
            Snapshot s = read(c, memberId, key, version);
            if (s.state().memberId().equals(memberId)) {
                return s;
            }
            renamed = key; // erased since the lookup: rows are renamed, never deleted, so this ends
        }
    }

    private Snapshot read(Connection c, String memberId, long key, long version) throws SQLException {
        Snapshot kept = cache.get(memberId);
        if (kept != null && kept.key() == key && kept.version() == version) {
            return kept;
        }
        // Under READ COMMITTED each statement sees the latest commits, so rows read in several statements could mix
        // two versions. readFull locks the member row first (writers update it first and hold it until they commit),
        // and the version is checked again at the end as a safeguard.
        RuntimeException mixed = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            Snapshot full = null;
            long before = version(c, key);
            try {
                full = readFull(c, key);
            } catch (IllegalArgumentException | IllegalStateException e) {
                mixed = e; // rows of two versions need not make a valid state
            }
            long now = version(c, key);
            if (full != null && full.version() == now) {
                return full;
            }
            if (full == null && before == now) {
                // no writer in between: the rows themselves do not make a state (edited by hand, say)
                throw new IllegalStateException("the stored rows of member " + memberId + " (version " + now
                        + ") do not make a member state: " + mixed.getMessage(), mixed);
            }
        }
        throw new IllegalStateException("member " + memberId + " changed during 20 reads in a row", mixed);
    }

    private static long version(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM members WHERE member_key = ?")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** The lock this process's writers of {@code memberId} hold for each attempt (shared with other members). */
    Lock writerLockOf(String memberId) {
        int h = memberId.hashCode();
        return writers[Math.floorMod(h ^ (h >>> 16), writers.length)];
    }

    /** Keeps a committed snapshot in memory (the newer one wins when two threads race). */
    void remember(Snapshot snapshot) {
        cache.merge(snapshot.state().memberId(), snapshot,
                (old, now) -> old.key() == now.key() && old.version() > now.version() ? old : now);
    }

    /** Test hook: {@code hook} is called with the member id between finding its row and reading it locked. */
    void onLookedUp(Consumer<String> hook) {
        this.lookedUp = requireNonNull(hook, "hook");
    }

    void forget(String memberId) {
        cache.remove(memberId);
    }

    /**
     * Writes {@code next} as the version after {@code before} (null: a new member) in the caller's transaction and
     * returns what was written; the caller commits, then calls {@link #remember}. Order: member row (version check),
     * processed event ids, postings, then {@code afterPostings}, then the other rows.
     *
     * @throws VersionConflictException the member moved on (or was created) since {@code before}
     * @throws DuplicateEventException  a processed event id is already stored (save turns it into the
     *                                  {@link MemberStore#save} contract, the service into a refusal)
     */
    Snapshot write(Connection c, Snapshot before, MemberState next, Runnable afterPostings) throws SQLException {
        MemberState old = before == null ? null : before.state();
        if (old != null && !old.memberId().equals(next.memberId())) {
            throw new IllegalArgumentException("cannot save member " + next.memberId() + " over member " + old.memberId());
        }
        checkAppendOnly(old, next);
        StoreLimits.require(StoreLimits.id("member id", next.memberId()));
        for (String eventId : next.processedEventIds()) {
            StoreLimits.require(StoreLimits.id("event id", eventId));
        }
        StoreLimits.require(StoreLimits.programIds(next));
        long version = before == null ? 1 : before.version() + 1;
        long key;
        if (before == null) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_MEMBER)) {
                bindMember(ps, next, version);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (JdbcFailure.isUniqueViolation(e)) {
                    throw new VersionConflictException(next.memberId(), 0);
                }
                throw e;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT member_key FROM members WHERE member_id = ?")) {
                ps.setString(1, next.memberId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    key = rs.getLong(1);
                }
            }
        } else {
            key = before.key();
            try (PreparedStatement ps = c.prepareStatement(UPDATE_MEMBER)) {
                int i = bindMember(ps, next, version);
                ps.setLong(i, key);
                ps.setLong(i + 1, before.version());
                if (ps.executeUpdate() != 1) {
                    throw new VersionConflictException(next.memberId(), before.version());
                }
            } catch (SQLException e) {
                if (JdbcFailure.isTransient(e)) {
                    throw new VersionConflictException(next.memberId(), before.version());
                }
                throw e;
            }
        }
        insertProcessed(c, key, old, next);
        insertPostings(c, key, old, next);
        afterPostings.run();
        PointsLedger ledger = next.ledger();
        long[] lots = sync(c, key, LOTS, old == null ? List.of() : old.ledger().lots(), before == null ? null : before.lots(),
                ledger.lots());
        long[] redemptions = syncRedemptions(c, key, old == null ? List.of() : old.ledger().redemptions(),
                before == null ? null : before.redemptions(), ledger.redemptions());
        long[] growth = sync(c, key, GROWTH, old == null ? List.of() : old.growth().entries(),
                before == null ? null : before.growth(), next.growth().entries());
        long[] caps = sync(c, key, CAPS, old == null ? List.of() : old.capUsage().counts(),
                before == null ? null : before.caps(), next.capUsage().counts());
        long[] benefits = sync(c, key, BENEFITS, old == null ? List.of() : old.benefitUsage().counts(),
                before == null ? null : before.benefits(), next.benefitUsage().counts());
        long[] purchases = sync(c, key, PURCHASES, old == null ? List.of() : old.purchases(),
                before == null ? null : before.purchases(), next.purchases());
        long[] refunds = sync(c, key, REFUNDS, old == null ? List.of() : old.refunds(),
                before == null ? null : before.refunds(), next.refunds());
        return new Snapshot(key, version, next, lots, redemptions, growth, caps, benefits, purchases, refunds);
    }

    private static void checkAppendOnly(MemberState old, MemberState next) {
        if (old == null) {
            return;
        }
        List<Posting> before = old.ledger().postings();
        List<Posting> after = next.ledger().postings();
        if (after.size() < before.size() || (!before.isEmpty()
                && !before.get(before.size() - 1).equals(after.get(before.size() - 1)))) {
            throw new IllegalArgumentException("postings are append-only: member " + next.memberId() + " had "
                    + before.size() + " postings stored, the new state does not start with them");
        }
        if (next.processedEventIds().size() < old.processedEventIds().size()
                || !next.processedEventIds().containsAll(old.processedEventIds())) {
            throw new IllegalArgumentException("processed event ids are append-only: the new state of member "
                    + next.memberId() + " drops some of the " + old.processedEventIds().size() + " stored");
        }
    }

    private void insertProcessed(Connection c, long key, MemberState old, MemberState next) throws SQLException {
        Set<String> known = old == null ? Set.of() : old.processedEventIds();
        int seq = known.size();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO processed_event_ids (event_id, member_key, seq) VALUES (?, ?, ?)")) {
            int rows = 0;
            for (String id : next.processedEventIds()) {
                if (!known.contains(id)) {
                    setText(ps, 1, id, "event id");
                    ps.setLong(2, key);
                    ps.setInt(3, seq++);
                    ps.addBatch();
                    rows++;
                }
            }
            if (rows > 0) {
                ps.executeBatch();
            }
        } catch (SQLException e) {
            if (JdbcFailure.isUniqueViolation(e)) {
                throw new DuplicateEventException(next.memberId(), e);
            }
            throw e;
        }
    }

    private void insertPostings(Connection c, long key, MemberState old, MemberState next) throws SQLException {
        List<Posting> all = next.ledger().postings();
        int from = old == null ? 0 : old.ledger().postings().size();
        if (from == all.size()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO postings (member_key, seq, event_id, occurred_at, "
                + "posting_type, points, rule_name, explanation) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = from; i < all.size(); i++) {
                Posting p = all.get(i);
                ps.setLong(1, key);
                ps.setInt(2, i);
                setText(ps, 3, p.eventId(), "posting event id");
                setInstant(ps, 4, p.at(), "posting.at");
                ps.setString(5, p.type().name());
                ps.setLong(6, p.points());
                setText(ps, 7, p.rule(), "posting rule");
                setText(ps, 8, p.explanation(), "posting explanation");
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // ---------------------------------------------------------------- member row

    private static final String MEMBER_COLUMNS = "version, member_id, enrolled_at, membership_start, status, tier_id, "
            + "tier_source, tier_since, tier_valid_until, tier_floor, tier_paid_until, tags_json, attributes_json, "
            + "survey_score, last_event_at, points_available, points_pending, points_debt, total_earned, "
            + "total_redeemed, total_expired, total_clawed_back, total_unrecovered, total_adjusted_in, "
            + "total_adjusted_out, last_activity_at, fees_json, tier_beneath_id, tier_beneath_since, "
            + "tier_beneath_valid_until";
    private static final String INSERT_MEMBER = "INSERT INTO members (" + MEMBER_COLUMNS + ") VALUES ("
            + "?, ".repeat(29) + "?)";
    private static final String UPDATE_MEMBER = "UPDATE members SET "
            + String.join(" = ?, ", MEMBER_COLUMNS.split(", ")) + " = ? WHERE member_key = ? AND version = ?";

    /** Binds the 30 member columns; returns the next parameter index. */
    private static int bindMember(PreparedStatement ps, MemberState s, long version) throws SQLException {
        int i = 1;
        ps.setLong(i++, version);
        setText(ps, i++, s.memberId(), "member id");
        setInstant(ps, i++, s.enrolledAt(), "enrolledAt");
        setInstant(ps, i++, s.membershipStart(), "membershipStart");
        ps.setString(i++, s.status().name());
        TierStatus t = s.tier();
        setText(ps, i++, t.tierId(), "tier id");
        ps.setString(i++, t.source().name());
        setInstant(ps, i++, t.since(), "tier.since");
        setInstant(ps, i++, t.validUntil(), "tier.validUntil");
        setText(ps, i++, t.floorTierId(), "tier floor");
        setInstant(ps, i++, t.paidUntil(), "tier.paidUntil");
        // JSON escapes a NUL but passes an unpaired surrogate through: named here, the JSON is checked as a whole too
        s.tags().forEach(tag -> StoreLimits.require(StoreLimits.jsonText("tag", tag)));
        s.attributes().forEach((name, value) -> {
            StoreLimits.require(StoreLimits.jsonText("attribute name", name));
            StoreLimits.require(StoreLimits.jsonText("attribute " + name, value));
        });
        setText(ps, i++, json(new ArrayList<>(s.tags())), "tags");
        setText(ps, i++, json(s.attributes()), "attributes");
        if (s.surveyScore() == null) {
            ps.setNull(i++, Types.INTEGER);
        } else {
            ps.setInt(i++, s.surveyScore());
        }
        setInstant(ps, i++, s.lastEventAt(), "lastEventAt");
        PointsLedger l = s.ledger();
        ps.setLong(i++, l.available());
        ps.setLong(i++, l.pending());
        ps.setLong(i++, l.debt());
        LedgerTotals totals = l.totals();
        ps.setLong(i++, totals.earned());
        ps.setLong(i++, totals.redeemed());
        ps.setLong(i++, totals.expired());
        ps.setLong(i++, totals.clawedBack());
        ps.setLong(i++, totals.unrecovered());
        ps.setLong(i++, totals.adjustedIn());
        ps.setLong(i++, totals.adjustedOut());
        setInstant(ps, i++, l.lastActivityAt().orElse(null), "ledger.lastActivityAt");
        setText(ps, i++, feesJson(s.fees()), "membership fees");
        TierStatus beneath = t.earnedBeneath();
        setText(ps, i++, beneath == null ? null : beneath.tierId(), "tier beneath id");
        setInstant(ps, i++, beneath == null ? null : beneath.since(), "tier.earnedBeneath.since");
        setInstant(ps, i++, beneath == null ? null : beneath.validUntil(), "tier.earnedBeneath.validUntil");
        return i;
    }

    private static String feesJson(List<FeeRecord> fees) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FeeRecord f : fees) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("event", f.eventId());
            row.put("at", f.at().toString());
            row.put("amount", f.amount().amount().toPlainString());
            row.put("currency", f.amount().currency().getCurrencyCode());
            row.put("tier", f.tierId());
            row.put("termMonths", f.termMonths());
            row.put("termStart", f.termStart().toString());
            row.put("termEnd", f.termEnd().toString());
            if (f.isRefunded()) {
                row.put("refunded", f.refunded().amount().toPlainString());
                row.put("refundedAt", f.refundedAt().toString());
            }
            rows.add(row);
        }
        return json(rows);
    }

    private static List<FeeRecord> fees(String json) {
        List<FeeRecord> fees = new ArrayList<>();
        for (Map<String, Object> row : parse(json, FEE_ROWS)) {
            Currency currency = Currency.getInstance((String) row.get("currency"));
            Object refunded = row.get("refunded");
            fees.add(new FeeRecord((String) row.get("event"), Instant.parse((String) row.get("at")),
                    Money.of(new BigDecimal((String) row.get("amount")), currency), (String) row.get("tier"),
                    ((Number) row.get("termMonths")).intValue(), Instant.parse((String) row.get("termStart")),
                    Instant.parse((String) row.get("termEnd")),
                    refunded == null ? null : Money.of(new BigDecimal((String) refunded), currency),
                    refunded == null ? null : Instant.parse((String) row.get("refundedAt"))));
        }
        return fees;
    }

    private Snapshot readFull(Connection c, long key) throws SQLException {
        String memberId;
        long version;
        Instant enrolledAt;
        Instant membershipStart;
        MemberStatus status;
        TierStatus tier;
        Set<String> tags;
        Map<String, String> attributes;
        Integer survey;
        Instant lastEventAt;
        long debt;
        LedgerTotals totals;
        Instant lastActivityAt;
        List<FeeRecord> fees;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + MEMBER_COLUMNS + " FROM members WHERE member_key = ? FOR UPDATE")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("member row " + key + " vanished while being read");
                }
                version = rs.getLong("version");
                memberId = rs.getString("member_id");
                enrolledAt = instant(rs, "enrolled_at");
                membershipStart = instant(rs, "membership_start");
                status = MemberStatus.valueOf(rs.getString("status"));
                String beneathId = rs.getString("tier_beneath_id");
                Instant beneathSince = instant(rs, "tier_beneath_since");
                Instant beneathUntil = instant(rs, "tier_beneath_valid_until");
                if (beneathId == null ? beneathSince != null || beneathUntil != null
                        : beneathSince == null || beneathUntil == null) {
                    throw new IllegalArgumentException("tier_beneath_id, tier_beneath_since and "
                            + "tier_beneath_valid_until are set together or not at all, were " + beneathId + ", "
                            + beneathSince + ", " + beneathUntil);
                }
                TierStatus beneath = beneathId == null ? null : new TierStatus(beneathId, TierSource.EARNED,
                        beneathSince, beneathUntil, rs.getString("tier_floor"), null);
                tier = new TierStatus(rs.getString("tier_id"), TierSource.valueOf(rs.getString("tier_source")),
                        instant(rs, "tier_since"), instant(rs, "tier_valid_until"), rs.getString("tier_floor"),
                        instant(rs, "tier_paid_until"), beneath);
                tags = new TreeSet<>(parse(rs.getString("tags_json"), STRINGS));
                attributes = parse(rs.getString("attributes_json"), STRING_MAP);
                int score = rs.getInt("survey_score");
                survey = rs.wasNull() ? null : score;
                lastEventAt = instant(rs, "last_event_at");
                debt = rs.getLong("points_debt");
                totals = new LedgerTotals(rs.getLong("total_earned"), rs.getLong("total_redeemed"),
                        rs.getLong("total_expired"), rs.getLong("total_clawed_back"), rs.getLong("total_unrecovered"),
                        rs.getLong("total_adjusted_in"), rs.getLong("total_adjusted_out"));
                lastActivityAt = instant(rs, "last_activity_at");
                fees = fees(rs.getString("fees_json"));
            }
        }
        List<String> processed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT event_id FROM processed_event_ids WHERE member_key = ? ORDER BY seq")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    processed.add(rs.getString(1));
                }
            }
        }
        List<Posting> postings = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT event_id, occurred_at, posting_type, points, rule_name, "
                + "explanation FROM postings WHERE member_key = ? ORDER BY seq")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    postings.add(new Posting(rs.getString(1), memberId, instant(rs, 2), PostingType.valueOf(rs.getString(3)),
                            rs.getLong(4), rs.getString(5), rs.getString(6)));
                }
            }
        }
        Rows<PointsLot> lots = readRows(c, key, LOTS);
        Rows<RedemptionRecord> redemptions = readRedemptions(c, key);
        Rows<GrowthEntry> growth = readRows(c, key, GROWTH);
        Rows<PeriodCount> caps = readRows(c, key, CAPS);
        Rows<PeriodCount> benefits = readRows(c, key, BENEFITS);
        Rows<PurchaseRecord> purchases = readRows(c, key, PURCHASES);
        Rows<RefundRecord> refunds = readRows(c, key, REFUNDS);
        PointsLedger ledger = PointsLedger.restore(memberId, lots.items, postings, redemptions.items, debt, totals,
                lastActivityAt);
        MemberState state = new MemberState(memberId, enrolledAt, membershipStart, tier, new GrowthLedger(growth.items),
                tags, attributes, status, ledger, new PeriodCounters(caps.items), new PeriodCounters(benefits.items),
                purchases.items, refunds.items, new LinkedHashSet<>(processed), survey, lastEventAt, fees);
        return new Snapshot(key, version, state, lots.positions(), redemptions.positions(), growth.positions(),
                caps.positions(), benefits.positions(), purchases.positions(), refunds.positions());
    }

    // ---------------------------------------------------------------- list tables

    private static final class Rows<T> {
        final List<T> items = new ArrayList<>();
        final List<Long> pos = new ArrayList<>();

        long[] positions() {
            return pos.stream().mapToLong(Long::longValue).toArray();
        }
    }

    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement ps, T item) throws SQLException;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** A list part stored as rows: parameters 1 and 2 of the insert are member_key and pos, the binder sets the rest. */
    private record Table<T>(String name, String kindFilter, String columns, Binder<T> binder, Reader<T> reader) {
        String insert() {
            int n = columns.split(",").length;
            String kind = kindFilter.isEmpty() ? "" : "kind, ";
            String kindValue = kindFilter.isEmpty() ? "" : "'" + kindFilter + "', ";
            return "INSERT INTO " + name + " (member_key, pos, " + kind + columns + ") VALUES (?, ?, " + kindValue
                    + "?, ".repeat(n - 1) + "?)";
        }

        String delete() {
            return "DELETE FROM " + name + " WHERE member_key = ? AND pos = ?" + kindClause();
        }

        String select() {
            return "SELECT pos, " + columns + " FROM " + name + " WHERE member_key = ?" + kindClause() + " ORDER BY pos";
        }

        private String kindClause() {
            return kindFilter.isEmpty() ? "" : " AND kind = '" + kindFilter + "'";
        }
    }

    private static final Table<PointsLot> LOTS = new Table<>("lots", "",
            "source_event_id, amount, remaining, earned_at, available_from, expires_at, active, held",
            (ps, lot) -> {
                setText(ps, 3, lot.sourceEventId(), "lot source event id");
                ps.setLong(4, lot.amount());
                ps.setLong(5, lot.remaining());
                setInstant(ps, 6, lot.earnedAt(), "lot.earnedAt");
                setInstant(ps, 7, lot.availableFrom(), "lot.availableFrom");
                setInstant(ps, 8, lot.expiresAt(), "lot.expiresAt");
                ps.setBoolean(9, lot.active());
                ps.setBoolean(10, lot.held());
            },
            rs -> new PointsLot(rs.getString(2), rs.getLong(3), rs.getLong(4), instant(rs, 5), instant(rs, 6),
                    instant(rs, 7), rs.getBoolean(8), rs.getBoolean(9)));

    private static final Table<RedemptionRecord> REDEMPTIONS = new Table<>("redemptions", "",
            "event_id, occurred_at, points, reversed",
            (ps, r) -> {
                setText(ps, 3, r.eventId(), "redemption event id");
                setInstant(ps, 4, r.at(), "redemption.at");
                ps.setLong(5, r.points());
                ps.setBoolean(6, r.reversed());
            },
            rs -> new RedemptionRecord(rs.getString(2), instant(rs, 3), rs.getLong(4), List.of(), rs.getBoolean(5)));

    private static final Table<GrowthEntry> GROWTH = new Table<>("growth_entries", "",
            "event_id, occurred_at, metric, amount",
            (ps, g) -> {
                setText(ps, 3, g.eventId(), "growth event id");
                setInstant(ps, 4, g.at(), "growth.at");
                setText(ps, 5, g.metric(), "metric");
                ps.setBigDecimal(6, decimal(g.amount(), 38, 12, "growth " + g.metric()));
            },
            rs -> new GrowthEntry(rs.getString(2), instant(rs, 3), rs.getString(4), rs.getBigDecimal(5)));

    private static Table<PeriodCount> counters(String kind) {
        return new Table<>("period_counters", kind, "counter_id, period_key, used",
                (ps, c) -> {
                    setText(ps, 3, c.id(), "counter id");
                    setText(ps, 4, c.periodKey(), "period key");
                    ps.setLong(5, c.used());
                },
                rs -> new PeriodCount(rs.getString(2), rs.getString(3), rs.getLong(4)));
    }

    private static final Table<PeriodCount> CAPS = counters("C");
    private static final Table<PeriodCount> BENEFITS = counters("B");

    private static final Table<PurchaseRecord> PURCHASES = new Table<>("purchase_records", "",
            "event_id, occurred_at, currency, amount, eligible, points, growth_json, counted_caps_json, basket, "
                    + "refunded, points_clawed_back, growth_clawed_back_json, excluded_skus_json, eligible_refunded, "
                    + "lines_json",
            (ps, p) -> {
                Currency currency = p.amount().currency();
                p.excludedSkus().forEach(sku -> StoreLimits.require(StoreLimits.text("purchase SKU", sku)));
                p.lines().forEach(l -> StoreLimits.require(StoreLimits.text("purchase SKU", l.sku())));
                setText(ps, 3, p.eventId(), "purchase event id");
                setInstant(ps, 4, p.at(), "purchase.at");
                ps.setString(5, currency.getCurrencyCode());
                ps.setBigDecimal(6, money(p.amount(), currency));
                ps.setBigDecimal(7, money(p.eligible(), currency));
                ps.setLong(8, p.points());
                setText(ps, 9, json(decimals(p.growth())), "purchase growth");
                setText(ps, 10, json(p.countedCaps()), "purchase counted caps");
                setText(ps, 11, p.basket(), "purchase basket");
                ps.setBigDecimal(12, money(p.refunded(), currency));
                ps.setLong(13, p.pointsClawedBack());
                setText(ps, 14, json(decimals(p.growthClawedBack())), "purchase growth clawed back");
                setText(ps, 15, json(new ArrayList<>(new TreeSet<>(p.excludedSkus()))), "purchase excluded SKUs");
                ps.setString(16, p.eligibleRefunded().toString());
                setText(ps, 17, json(p.lines().stream().map(l -> new TreeMap<>(Map.of("sku", l.sku(),
                        "amount", l.amount().amount().toPlainString(),
                        "eligible", l.eligible().amount().toPlainString(),
                        "refunded", l.refunded().amount().toPlainString()))).toList()), "purchase lines");
            },
            rs -> {
                Currency currency = Money.currency(rs.getString(4));
                return new PurchaseRecord(rs.getString(2), instant(rs, 3), Money.of(rs.getBigDecimal(5), currency),
                        Money.of(rs.getBigDecimal(6), currency), rs.getLong(7), toDecimals(parse(rs.getString(8), STRING_MAP)),
                        parse(rs.getString(9), STRINGS), rs.getString(10), Money.of(rs.getBigDecimal(11), currency),
                        rs.getLong(12), toDecimals(parse(rs.getString(13), STRING_MAP)),
                        new HashSet<>(parse(rs.getString(14), STRINGS)), new BigDecimal(rs.getString(15)),
                        parse(rs.getString(16), LINE_ROWS).stream().map(l -> new LineRecord(l.get("sku"),
                                Money.of(new BigDecimal(l.get("amount")), currency),
                                Money.of(new BigDecimal(l.get("eligible")), currency),
                                Money.of(new BigDecimal(l.get("refunded")), currency))).toList());
            });

    private static final Table<RefundRecord> REFUNDS = new Table<>("refund_records", "",
            "event_id, occurred_at, purchase_event_id, currency, amount",
            (ps, r) -> {
                setText(ps, 3, r.eventId(), "refund event id");
                setInstant(ps, 4, r.at(), "refund.at");
                setText(ps, 5, r.purchaseEventId(), "refund purchase event id");
                ps.setString(6, r.amount().currency().getCurrencyCode());
                ps.setBigDecimal(7, money(r.amount(), r.amount().currency()));
            },
            rs -> new RefundRecord(rs.getString(2), instant(rs, 3), rs.getString(4),
                    Money.of(rs.getBigDecimal(6), Money.currency(rs.getString(5)))));

    private static <T> Rows<T> readRows(Connection c, long key, Table<T> table) throws SQLException {
        Rows<T> rows = new Rows<>();
        try (PreparedStatement ps = c.prepareStatement(table.select())) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.pos.add(rs.getLong(1));
                    rows.items.add(table.reader().read(rs));
                }
            }
        }
        return rows;
    }

    private static Rows<RedemptionRecord> readRedemptions(Connection c, long key) throws SQLException {
        Rows<RedemptionRecord> rows = readRows(c, key, REDEMPTIONS);
        if (rows.items.isEmpty()) {
            return rows;
        }
        Map<Long, List<LotDraw>> draws = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT redemption_pos, source_event_id, points, earned_at, "
                + "available_from, expires_at FROM redemption_draws WHERE member_key = ? ORDER BY redemption_pos, draw_no")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    draws.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new LotDraw(rs.getString(2),
                            rs.getLong(3), instant(rs, 4), instant(rs, 5), instant(rs, 6)));
                }
            }
        }
        for (int i = 0; i < rows.items.size(); i++) {
            RedemptionRecord r = rows.items.get(i);
            rows.items.set(i, new RedemptionRecord(r.eventId(), r.at(), r.points(),
                    draws.getOrDefault(rows.pos.get(i), List.of()), r.reversed()));
        }
        return rows;
    }

    /** Writes the change from {@code before} to {@code after}; returns the positions of {@code after}'s rows. */
    private static <T> long[] sync(Connection c, long key, Table<T> table, List<T> before, long[] stored, List<T> after)
            throws SQLException {
        Positions.Change<T> change = Positions.diff(before, stored == null ? new long[0] : stored, after);
        apply(c, key, table, change);
        return change.positions();
    }

    private static <T> void apply(Connection c, long key, Table<T> table, Positions.Change<T> change)
            throws SQLException {
        if (change.deleted().length > 0) {
            try (PreparedStatement ps = c.prepareStatement(table.delete())) {
                for (long pos : change.deleted()) {
                    ps.setLong(1, key);
                    ps.setLong(2, pos);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!change.inserted().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(table.insert())) {
                for (int i = 0; i < change.inserted().size(); i++) {
                    ps.setLong(1, key);
                    ps.setLong(2, change.insertedAt()[i]);
                    table.binder().bind(ps, change.inserted().get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private static long[] syncRedemptions(Connection c, long key, List<RedemptionRecord> before, long[] stored,
                                          List<RedemptionRecord> after) throws SQLException {
        Positions.Change<RedemptionRecord> change = Positions.diff(before, stored == null ? new long[0] : stored, after);
        apply(c, key, REDEMPTIONS, change); // draws of deleted redemptions go with them (ON DELETE CASCADE)
        if (!change.inserted().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO redemption_draws (member_key, redemption_pos, "
                    + "draw_no, source_event_id, points, earned_at, available_from, expires_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                int rows = 0;
                for (int i = 0; i < change.inserted().size(); i++) {
                    List<LotDraw> draws = change.inserted().get(i).draws();
                    for (int d = 0; d < draws.size(); d++) {
                        LotDraw draw = draws.get(d);
                        ps.setLong(1, key);
                        ps.setLong(2, change.insertedAt()[i]);
                        ps.setInt(3, d);
                        setText(ps, 4, draw.sourceEventId(), "draw source event id");
                        ps.setLong(5, draw.points());
                        setInstant(ps, 6, draw.earnedAt(), "draw.earnedAt");
                        setInstant(ps, 7, draw.availableFrom(), "draw.availableFrom");
                        setInstant(ps, 8, draw.expiresAt(), "draw.expiresAt");
                        ps.addBatch();
                        rows++;
                    }
                }
                if (rows > 0) {
                    ps.executeBatch();
                }
            }
        }
        return change.positions();
    }

    // ---------------------------------------------------------------- values

    private static void setInstant(PreparedStatement ps, int index, Instant at, String field) throws SQLException {
        if (at == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
            return;
        }
        StoreLimits.require(StoreLimits.instant(field, at));
        ps.setObject(index, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    /** {@code value} into a text column, refused (naming {@code field}) when some database cannot hold it. */
    private static void setText(PreparedStatement ps, int index, String value, String field) throws SQLException {
        StoreLimits.require(StoreLimits.text(field, value));
        ps.setString(index, value);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static BigDecimal money(Money money, Currency currency) {
        if (!money.currency().equals(currency)) {
            throw new IllegalArgumentException("a purchase record keeps one currency, " + currency + ", was " + money);
        }
        return decimal(money.amount(), 19, 4, "money amount");
    }

    /** {@code value} as a NUMERIC(precision, scale) column takes it. */
    private static BigDecimal decimal(BigDecimal value, int precision, int scale, String field) {
        StoreLimits.require(StoreLimits.decimal(field, value, precision, scale));
        return value;
    }

    private static Map<String, String> decimals(Map<String, BigDecimal> values) {
        Map<String, String> text = new TreeMap<>();
        values.forEach((k, v) -> text.put(k, v.toString()));
        return text;
    }

    private static Map<String, BigDecimal> toDecimals(Map<String, String> text) {
        Map<String, BigDecimal> values = new TreeMap<>();
        text.forEach((k, v) -> values.put(k, new BigDecimal(v)));
        return values;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON column", e);
        }
    }

    private static <T> T parse(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read JSON column: " + text, e);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the database rolls the transaction back when it notices
        }
    }

    /**
     * A member named in a message: an erased one as such, since its pseudonym next to an event id the sender knows
     * would undo the erasure.
     */
    static String named(String memberId) {
        return Pseudonyms.isPseudonym(memberId) ? "one that was erased" : memberId;
    }
}
