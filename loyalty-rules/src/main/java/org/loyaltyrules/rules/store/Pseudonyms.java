package org.loyaltyrules.rules.store;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apiguardian.api.API;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.member.MemberStatus;
import org.loyaltyrules.core.points.PointsLedger;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.points.PostingType;

/**
 * Deterministic pseudonyms for erased members: {@code "erased-"} followed by the first 32 hex digits of
 * HMAC-SHA256(salt, member id). The same salt always gives the same pseudonym, so finance can still join the
 * re-keyed ledger of one member; without the salt the member id cannot be recovered or confirmed. Keep the salt
 * secret and never change it once members were erased. Thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Pseudonyms {

    private static final String PREFIX = "erased-";

    private final SecretKeySpec key;

    private Pseudonyms(String salt) {
        this.key = new SecretKeySpec(salt.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** Pseudonyms keyed by {@code salt}, which must have at least 16 characters. */
    public static Pseudonyms salted(String salt) {
        requireNonNull(salt, "salt");
        if (salt.length() < 16) {
            throw new IllegalArgumentException("pseudonym salt must have at least 16 characters, had " + salt.length());
        }
        return new Pseudonyms(salt);
    }

    public String pseudonymOf(String memberId) {
        requireNonNull(memberId, "memberId");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(memberId.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /**
     * The pseudonym of an id's next erasure, given how many erased members already hold its pseudonym (with or without
     * a {@code -k}): the pseudonym itself the first time, {@code pseudonym-k} for the k-th erasure of an id that came
     * back with new events. Every store numbers them so.
     */
    public static String numbered(String pseudonym, long earlierErasures) {
        return earlierErasures == 0 ? pseudonym : pseudonym + "-" + (earlierErasures + 1);
    }

    /**
     * Whether {@code memberId} is a pseudonym this class produces (an erased member): {@code erased-<32 hex>}, with
     * {@code -k} for the k-th erasure of an id that came back.
     */
    public static boolean isPseudonym(String memberId) {
        return PSEUDONYM.matcher(memberId).matches();
    }

    private static final java.util.regex.Pattern PSEUDONYM = java.util.regex.Pattern.compile(
            java.util.regex.Pattern.quote(PREFIX) + "[0-9a-f]{32}(-[1-9][0-9]*)?");

    /** What an erased member's adjustment postings explain instead of the reason given (free text, maybe personal). */
    public static final String ERASED_REASON = "reason erased with the member";

    /** The longest event id a renamed review id may have: what the JDBC store holds (its StoreLimits). */
    static final int MAX_EVENT_ID_LENGTH = 200;

    /**
     * The id an erased member's processed event id {@code eventId} keeps: a review id made of the member id
     * ({@code TierReview.of}: {@code review:<member id>:<tail>}) becomes {@code review:<pseudonym>:<tail>}, the id
     * {@code TierReview.of(pseudonym, at)} has, unique as the pseudonym is; were that longer than 200 characters, the
     * tail becomes {@code #} and 32 hex digits of its SHA-256. Any other id is kept as it is (an application's own
     * ids must not carry personal data).
     */
    public static String erasedEventId(String eventId, String memberId, String pseudonym) {
        String prefix = "review:" + memberId + ":";
        if (!eventId.startsWith(prefix)) {
            return eventId;
        }
        String tail = eventId.substring(prefix.length());
        String renamed = "review:" + pseudonym + ":" + tail;
        return renamed.length() <= MAX_EVENT_ID_LENGTH ? renamed : "review:" + pseudonym + ":#" + sha256(tail);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /**
     * {@code state} with the member forgotten: id replaced by {@code pseudonym} in the state and every posting, tags,
     * attributes and survey score removed, status CLOSED (an erased member earns nothing more), the review ids made of
     * the member id renamed ({@link #erasedEventId}) and every adjustment's reason replaced by {@link #ERASED_REASON}.
     * Lots, totals, postings, redemptions, purchases, refunds, growth, counters and the other processed event ids are
     * kept.
     */
    public static MemberState erased(MemberState state, String pseudonym) {
        requireNonNull(state, "state");
        requireNonNull(pseudonym, "pseudonym");
        PointsLedger ledger = state.ledger();
        PointsLedger rekeyed = PointsLedger.restore(pseudonym, ledger.lots(),
                ledger.postings().stream().map(p -> new Posting(p.eventId(), pseudonym, p.at(), p.type(), p.points(),
                        p.rule(), p.type() == PostingType.ADJUST ? ERASED_REASON : p.explanation()))
                        .collect(Collectors.toList()),
                ledger.redemptions(), ledger.debt(), ledger.totals(), ledger.lastActivityAt().orElse(null));
        Set<String> processed = state.processedEventIds().stream()
                .map(id -> erasedEventId(id, state.memberId(), pseudonym))
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        return new MemberState(pseudonym, state.enrolledAt(), state.membershipStart(), state.tier(), state.growth(),
                Set.of(), Map.of(), state.status().moveTo(MemberStatus.CLOSED), rekeyed, state.capUsage(),
                state.benefitUsage(), state.purchases(), state.refunds(), processed, null,
                state.lastEventAt(), state.fees());
    }
}
