package org.loyaltyrules.testkit;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import org.apiguardian.api.API;
import org.loyaltyrules.core.benefit.Benefit;
import org.loyaltyrules.core.benefit.Occasion;
import org.loyaltyrules.core.event.BenefitClaim;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.FeeRefund;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.PurchaseLine;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.event.Survey;
import org.loyaltyrules.core.member.FeeRecord;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.risk.Cap;
import org.loyaltyrules.core.risk.CapMeasure;
import org.loyaltyrules.core.tier.Tier;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.program.Campaign;
import org.loyaltyrules.rules.program.LineBonusRule;
import org.loyaltyrules.rules.program.MembershipPlan;
import org.loyaltyrules.rules.program.Partner;
import org.loyaltyrules.rules.program.ProgramSettings;
import org.loyaltyrules.rules.program.RateRule;

/**
 * jqwik arbitraries of members and realistic event histories for one program, shaped by its program.json: amounts
 * in its currency, its tiers, the categories, SKUs, channels and purchase attributes its earning rules name, the
 * metrics its ladder and milestones count, its coalition partners, its paid plans and its campaign dates. Where a
 * benefit has an {@code occasion}, seven members in ten have a {@code birthday} attribute, a few months after they
 * enrol at most, so that claims fall in and out of the birthday month.
 *
 * <p>A history starts with the member's enrollment and goes on, at strictly increasing instants, with purchases
 * (log-normal amounts rounded to the currency's minor unit, often with basket lines, sometimes with delivery and
 * tax, and one in twenty sized to reach a cap of the program), refunds of earlier purchases (about one per ten
 * purchases, half of those of a purchase with basket lines naming one of its lines) that never exceed what is left to
 * refund of the purchase or of the line, redemptions of a share of the points available when they happen, NPS
 * surveys (0-10, each score as often as airline passengers gave it), membership fees for paid plans, refunds of fees
 * the history paid (half of them stating the amount the program's refund policy makes due), claims of the program's
 * benefits (half of them runs of 2 to 6 claims of one benefit, so that quotas of a few a month are reached), and now
 * and then an exact duplicate of an earlier event the engine applied. Gaps between events range from minutes
 * (same-day caps, velocity) to weeks (pending windows, expiry, tier reviews). Nothing reads the clock.
 *
 * <p>A failing history shrinks towards fewer steps and plain purchases: the median amount, no delivery or tax, no
 * channel, partner, attributes, metrics or lines, no cap probe; a claim step to a single claim of the first benefit, a
 * fee refund to one of the first fee still refundable, without an amount. What is left is what the failure needs.
 *
 * <pre>{@code
 * LoyaltyArbitraries arbitraries = LoyaltyArbitraries.forProgram(program)
 *         .withCategories("bill")                 // a category only the program's DRL names
 *         .withSpend("25.00", 0.8);               // median basket and log-sd
 * Arbitrary<History> histories = arbitraries.histories();
 * }</pre>
 *
 * <p>Immutable: every {@code with...} returns a new instance. Thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LoyaltyArbitraries {

    private static final Instant DEFAULT_FROM = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant DEFAULT_TO = Instant.parse("2026-06-30T00:00:00Z");
    /** Attributes the engine derives itself (base-earn pseudo-attributes): never generated as purchase attributes. */
    private static final Set<String> PSEUDO_ATTRIBUTES = Set.of("channel", "tier", "partner");
    /** Growth metrics the engine computes from spend; any other ladder or milestone metric comes with the event. */
    private static final Set<String> DERIVED_METRICS = Set.of("spend", "points");

    private final ProgramSettings settings;
    private final List<String> categories;
    private final List<String> skus;
    private final List<String> channels;
    private final Map<String, List<String>> purchaseAttributes;
    private final Map<String, Arbitrary<String>> memberAttributes;
    private final List<String> memberTags;
    private final BigDecimal medianSpend;
    private final double spread;
    private final int minSteps;
    private final int maxSteps;
    private final Instant from;
    private final Instant to;
    private final boolean capProbes;

    private LoyaltyArbitraries(ProgramSettings settings, List<String> categories, List<String> skus,
                               List<String> channels, Map<String, List<String>> purchaseAttributes,
                               Map<String, Arbitrary<String>> memberAttributes, List<String> memberTags,
                               BigDecimal medianSpend, double spread, int minSteps, int maxSteps, Instant from,
                               Instant to, boolean capProbes) {
        this.settings = settings;
        this.categories = List.copyOf(categories);
        this.skus = List.copyOf(skus);
        this.channels = List.copyOf(channels);
        this.purchaseAttributes = copyOfLists(purchaseAttributes);
        this.memberAttributes = java.util.Collections.unmodifiableMap(new TreeMap<>(memberAttributes));
        this.memberTags = List.copyOf(memberTags);
        this.medianSpend = medianSpend;
        this.spread = spread;
        this.minSteps = minSteps;
        this.maxSteps = maxSteps;
        this.from = from;
        this.to = to;
        this.capProbes = capProbes;
    }

    /**
     * Arbitraries for {@code program}: categories and SKUs from {@code earning.exclusions} and
     * {@code earning.lineBonuses} (plus {@code general}), channels from {@code earning.channelBonus} and channel rates
     * (plus {@code store} and {@code online}), purchase attributes from {@code earning.rates}, a median basket of 40
     * currency units with a log-sd of 1, 1 to 30 steps drawn after the enrollment (uniformly many; a refund or fee
     * refund drawn when nothing is left to refund is dropped, and a claim step sends 1 to 6 claims), starting between
     * 2025-01-01 and 2026-06-30 (or in the month before a campaign), cap probes on.
     */
    public static LoyaltyArbitraries forProgram(Program program) {
        requireNonNull(program, "program");
        ProgramSettings settings = program.settings();
        var earning = settings.earning();
        Set<String> categories = new TreeSet<>(earning.exclusions().categories());
        Set<String> skus = new TreeSet<>(earning.exclusions().skus());
        for (LineBonusRule bonus : earning.lineBonuses()) {
            (bonus.scope().equals("category") ? categories : skus).add(bonus.value());
        }
        categories.add("general");
        Set<String> channels = new TreeSet<>(earning.channelBonus().keySet());
        Map<String, List<String>> attributes = new TreeMap<>();
        for (RateRule rate : earning.rates()) {
            if (rate.attribute().equals("channel")) {
                channels.addAll(rate.values());
            } else if (!PSEUDO_ATTRIBUTES.contains(rate.attribute())) {
                attributes.computeIfAbsent(rate.attribute(), k -> new ArrayList<>()).addAll(rate.values());
            }
        }
        channels.add("store");
        channels.add("online");
        return new LoyaltyArbitraries(settings, new ArrayList<>(categories), new ArrayList<>(skus),
                new ArrayList<>(channels), attributes, Map.of(), List.of(), new BigDecimal("40"), 1.0, 1, 30,
                DEFAULT_FROM, DEFAULT_TO, true);
    }

    /** Adds basket-line categories the program's DRL names but program.json does not (e.g. {@code bill}). */
    public LoyaltyArbitraries withCategories(String... extra) {
        return new LoyaltyArbitraries(settings, union(categories, extra), skus, channels, purchaseAttributes,
                memberAttributes, memberTags, medianSpend, spread, minSteps, maxSteps, from, to, capProbes);
    }

    /** Adds SKUs the program's DRL names. */
    public LoyaltyArbitraries withSkus(String... extra) {
        return new LoyaltyArbitraries(settings, categories, union(skus, extra), channels, purchaseAttributes,
                memberAttributes, memberTags, medianSpend, spread, minSteps, maxSteps, from, to, capProbes);
    }

    /** Adds purchase channels. */
    public LoyaltyArbitraries withChannels(String... extra) {
        return new LoyaltyArbitraries(settings, categories, skus, union(channels, extra), purchaseAttributes,
                memberAttributes, memberTags, medianSpend, spread, minSteps, maxSteps, from, to, capProbes);
    }

    /**
     * Purchases carry attribute {@code name} with one of {@code values} (or not at all), e.g. a brand; not
     * {@code channel} (see {@link #withChannels}), {@code partner} (the program's partners) or {@code tier} (the
     * member's), which a purchase has once or not at all.
     */
    public LoyaltyArbitraries withPurchaseAttribute(String name, String... values) {
        requireNonNull(name, "name");
        if (PSEUDO_ATTRIBUTES.contains(name)) {
            throw new IllegalArgumentException("purchase attribute must not be channel (withChannels), partner (the "
                    + "program's partners) or tier (the member's, decided by the engine), was " + name);
        }
        if (values.length == 0) {
            throw new IllegalArgumentException("purchase attribute " + name + " needs at least one value");
        }
        Map<String, List<String>> attributes = new TreeMap<>(purchaseAttributes);
        attributes.put(name, union(attributes.getOrDefault(name, List.of()), values));
        return new LoyaltyArbitraries(settings, categories, skus, channels, attributes, memberAttributes, memberTags,
                medianSpend, spread, minSteps, maxSteps, from, to, capProbes);
    }

    /** Members carry attribute {@code name} (set by their enrollment) drawn from {@code values}, or not at all. */
    public LoyaltyArbitraries withMemberAttribute(String name, Arbitrary<String> values) {
        requireNonNull(name, "name");
        requireNonNull(values, "values");
        Map<String, Arbitrary<String>> attributes = new TreeMap<>(memberAttributes);
        attributes.put(name, values);
        return new LoyaltyArbitraries(settings, categories, skus, channels, purchaseAttributes, attributes,
                memberTags, medianSpend, spread, minSteps, maxSteps, from, to, capProbes);
    }

    /** Members start with any subset of {@code tags} on their state (e.g. {@code employee}). */
    public LoyaltyArbitraries withMemberTags(String... tags) {
        return new LoyaltyArbitraries(settings, categories, skus, channels, purchaseAttributes, memberAttributes,
                union(memberTags, tags), medianSpend, spread, minSteps, maxSteps, from, to, capProbes);
    }

    /**
     * Purchase amounts are log-normal with median {@code median} (in the program currency) and log standard
     * deviation {@code spread} (1.0: one basket in 100 is 10 times the median), rounded to the minor unit.
     */
    public LoyaltyArbitraries withSpend(String median, double spread) {
        BigDecimal m = new BigDecimal(requireNonNull(median, "median"));
        if (m.signum() <= 0) {
            throw new IllegalArgumentException("median spend must be > 0, was " + median);
        }
        if (!(spread >= 0 && spread <= 3)) {
            throw new IllegalArgumentException("spread must be in 0..3, was " + spread);
        }
        return new LoyaltyArbitraries(settings, categories, skus, channels, purchaseAttributes, memberAttributes,
                memberTags, m, spread, minSteps, maxSteps, from, to, capProbes);
    }

    /**
     * Histories draw {@code min} to {@code max} steps after the enrollment (a refund or fee refund drawn when nothing
     * is left to refund is dropped, so a history may have fewer; a claim step sends 1 to 6 claims, so it may have more
     * events).
     */
    public LoyaltyArbitraries withSteps(int min, int max) {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("steps must satisfy 0 <= min <= max, were " + min + ".." + max);
        }
        return new LoyaltyArbitraries(settings, categories, skus, channels, purchaseAttributes, memberAttributes,
                memberTags, medianSpend, spread, min, max, from, to, capProbes);
    }

    /** Members enrol between {@code first} and {@code last} (and, when the program has campaigns, near them too). */
    public LoyaltyArbitraries startingBetween(Instant first, Instant last) {
        requireNonNull(first, "first");
        requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("last must not be before first, were " + first + " and " + last);
        }
        return new LoyaltyArbitraries(settings, categories, skus, channels, purchaseAttributes, memberAttributes,
                memberTags, medianSpend, spread, minSteps, maxSteps, first, last, capProbes);
    }

    /**
     * Whether about one purchase in twenty is sized to reach a points or money cap of the program (between a quarter
     * and one and a half of the cap's limit at the program's highest earn rate), so that caps are actually met.
     * Default: on. Realistic baskets alone rarely reach a daily cap of 20,000 points.
     */
    public LoyaltyArbitraries withCapProbes(boolean probes) {
        return new LoyaltyArbitraries(settings, categories, skus, channels, purchaseAttributes, memberAttributes,
                memberTags, medianSpend, spread, minSteps, maxSteps, from, to, probes);
    }

    // ---------------------------------------------------------------- arbitraries

    /** Members of the program: an id, an enrolment instant, sometimes a manually assigned tier, attributes, tags. */
    public Arbitrary<MemberProfile> members() {
        List<String> names = new ArrayList<>(memberAttributes.keySet());
        List<Arbitrary<String>> values = new ArrayList<>();
        names.forEach(name -> values.add(memberAttributes.get(name).injectNull(0.3)));
        Arbitrary<Map<String, String>> attributes = names.isEmpty() ? Arbitraries.just(Map.of())
                : Combinators.combine(values).as(drawn -> {
                    Map<String, String> map = new TreeMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        if (drawn.get(i) != null) {
                            map.put(names.get(i), drawn.get(i));
                        }
                    }
                    return map;
                });
        Arbitrary<Set<String>> tags = memberTags.isEmpty() ? Arbitraries.just(Set.of())
                : Arbitraries.subsetOf(memberTags);
        return Combinators.combine(uniformInts(1, 999), enrolments(), tiers().injectNull(0.6),
                attributes, tags, birthdays()).as((n, at, tier, attrs, tagSet, birthday) -> {
                    if (birthday == null) {
                        return new MemberProfile("m" + n, at, tier, attrs, tagSet);
                    }
                    Map<String, String> withBirthday = new TreeMap<>(attrs);
                    withBirthday.put(Occasion.BIRTHDAY_ATTRIBUTE, birthday.on(at, settings.zone()).toString());
                    return new MemberProfile("m" + n, at, tier, withBirthday, tagSet);
                });
    }

    /**
     * Where the program has a benefit with an {@code occasion} (and no {@code birthday} member attribute is set by
     * {@link #withMemberAttribute}), seven members in ten have a birthday, 0 to 120 days after their enrolment's day
     * and 18 to 80 years before it, so that claims in the history fall in its month; none otherwise.
     */
    private Arbitrary<BirthdayDraw> birthdays() {
        boolean occasions = settings.benefits().benefits().stream().anyMatch(b -> b.occasion() != Occasion.ANY);
        if (!occasions || memberAttributes.containsKey(Occasion.BIRTHDAY_ATTRIBUTE)) {
            return Arbitraries.<BirthdayDraw>just(null);
        }
        return Combinators.combine(uniformInts(0, 120), uniformInts(18, 80)).as(BirthdayDraw::new).injectNull(0.3);
    }

    /** A birthday {@code daysAfter} days after the enrolment's day, {@code years} years before it. */
    private record BirthdayDraw(int daysAfter, int years) {
        LocalDate on(Instant enrolledAt, ZoneId zone) {
            return LocalDate.ofInstant(enrolledAt, zone).plusDays(daysAfter).minusYears(years);
        }
    }

    /** The program's tier ids, base tier first (unreachable tiers included: they can be assigned). */
    public Arbitrary<String> tiers() {
        return Arbitraries.of(settings.ladder().tiers().stream().map(Tier::id).toList());
    }

    /**
     * Log-normal amounts in the program currency (see {@link #withSpend}); they shrink towards the median.
     */
    public Arbitrary<Money> amounts() {
        return quantiles().map(this::amountAt);
    }

    /** Histories of one member each; see the class comment. */
    public Arbitrary<History> histories() {
        // uniform lengths: jqwik's default favours short lists, and long histories are where bugs hide
        return Combinators.combine(members(), draws().list().ofMinSize(minSteps).ofMaxSize(maxSteps)
                .withSizeDistribution(RandomDistribution.uniform())).as(this::compose);
    }

    // ---------------------------------------------------------------- draws: what jqwik generates and shrinks

    /** One step as jqwik draws it: plain numbers that {@link #compose} turns into a valid history. */
    private interface Draw {
    }

    /**
     * jqwik shrinks every number towards 0 and every choice towards its first option, so 0 and first options mean a
     * plain purchase: the median amount (quantile 0), no channel, partner or attributes (pick 0 is none, see
     * {@link #choose}), no metrics, no lines, no cap probe and no delivery or tax ({@code extras} 0).
     */
    private record Buy(long gap, int quantile, int channel, int partner, int attributes, int units,
                       List<LineDraw> lines, int extras) implements Draw {

        /** One purchase in twenty probes a cap: the top five of 0..99, away from 0. */
        boolean probesCap() {
            return extras >= 95;
        }

        /** One in five has delivery and tax (two of the five probes do): 8 and 9 in each ten, away from 0. */
        boolean hasCharges() {
            return extras % 10 >= 8;
        }
    }

    private record LineDraw(int weight, int category, int sku, int quantity) {
    }

    /**
     * A refund of {@code percent} of what is left (100: all of it) of an open purchase; for a purchase with basket
     * lines, a {@code line} draw of 500 or more names one of its lines (a returned item) and takes the percentage of
     * what is left of that line. 0 means no line, so a refund shrinks to one without lines.
     */
    private record GiveBack(long gap, int purchase, int percent, int line) implements Draw {

        boolean namesLine() {
            return line >= 500;
        }
    }

    private record Spend(long gap, int permille, int partner) implements Draw {
    }

    private record Answer(long gap, int score) implements Draw {
    }

    private record Pay(long gap, int plan) implements Draw {
    }

    /**
     * {@code uses} claims (1 to 6) of a benefit of program.json, {@link #USES_APART} minutes apart: {@code benefit}
     * modulo their number, 0 the first. 1 use is the plainest, so a claim shrinks to a single one.
     */
    private record Claim(long gap, int benefit, int uses) implements Draw {
    }

    /**
     * A refund of a membership fee the history paid and has not refunded ({@code fee} modulo their number, 0 the
     * first); a {@code stated} draw of 5 or more states the amount due, as a till that paid it back would. 0 states
     * none (the engine says what is due), so a fee refund shrinks to one without an amount.
     */
    private record CancelFee(long gap, int fee, int stated) implements Draw {

        boolean statesAmount() {
            return stated >= 5;
        }
    }

    private record SendAgain(int pick) implements Draw {
    }

    /** Minutes between the uses of one claim draw: one evening's orders, each with its coupon. */
    private static final int USES_APART = 20;

    @SuppressWarnings("unchecked")
    private Arbitrary<Draw> draws() {
        Arbitrary<Integer> pick = uniformInts(0, 999);
        Arbitrary<List<LineDraw>> lines = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(List.<LineDraw>of())),
                Tuple.of(1, Combinators.combine(uniformInts(1, 10), pick, pick,
                        uniformInts(1, 3)).as(LineDraw::new).list().ofMinSize(1).ofMaxSize(4)));
        Arbitrary<Draw> buys = Combinators.combine(gaps(), quantiles(), pick, pick,
                uniformInts(0, 9_999), uniformInts(0, 5), lines,
                uniformInts(0, 99)).as(Buy::new);
        Arbitrary<Draw> refunds = Combinators.combine(gaps(), pick, Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(100)), Tuple.of(3, uniformInts(1, 99))), pick)
                .as(GiveBack::new);
        Arbitrary<Draw> redemptions = Combinators.combine(gaps(), Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(1000)), Tuple.of(3, uniformInts(1, 999))), pick)
                .as(Spend::new);
        Arbitrary<Draw> surveys = Combinators.combine(gaps(), surveyScores()).as(Answer::new);
        Arbitrary<Draw> resends = pick.map(SendAgain::new);
        // About one refund per ten purchases (9 draws in 80; a refund with nothing left to refund is dropped). The NRF
        // and Appriss Retail put returns at 14.5 % of US retail sales in 2023 (17.6 % online, 10.0 % in stores;
        // "2023 Consumer Returns in the Retail Industry", nrf.com), a share of money over all retail and all shoppers.
        // No public figure counts refunds per purchase of one member, so this is a choice, erring low: with four
        // refunds in ten of all that is left (of the purchase, or of a line), it gives back 5 to 7 % of the money
        // spent. At the NRF's share of money (one refund in 4.6 purchases, as generated before) 31 % of retail-basic's
        // members went under review for their refund ratio.
        List<Tuple.Tuple2<Integer, Arbitrary<? extends Draw>>> kinds = new ArrayList<>(List.of(
                Tuple.of(80, buys), Tuple.of(9, refunds), Tuple.of(20, redemptions), Tuple.of(8, surveys),
                Tuple.of(8, resends)));
        if (!settings.plans().isEmpty()) {
            kinds.add(Tuple.of(4, Combinators.combine(gaps(), pick).as(Pay::new)));
            // as many fee refunds as fees, but a fee refund drawn when no fee is left to refund is dropped: about
            // one fee in five is refunded (at half this weight, 9 and 19 of 400 jd-plus histories had one; at this,
            // 31 and 35)
            kinds.add(Tuple.of(4, Combinators.combine(gaps(), pick, uniformInts(0, 9)).as(CancelFee::new)));
        }
        if (!settings.benefits().benefits().isEmpty()) {
            // About one step in twelve claims, half of them a single use and half 2 to 6 uses of one benefit 20 minutes
            // apart (one evening's orders, a coupon each): at about six steps a month, single claims alone hardly
            // ever reach a quota of 5 a month (jd-plus's free shipping: in none of 400 histories, even at a weight of
            // 16), the runs do (in 18 of 400)
            kinds.add(Tuple.of(12, Combinators.combine(gaps(), pick, Arbitraries.frequencyOf(
                    Tuple.of(1, Arbitraries.just(1)), Tuple.of(1, uniformInts(2, 6)))).as(Claim::new)));
        }
        return Arbitraries.frequencyOf(kinds.toArray(Tuple.Tuple2[]::new));
    }

    /**
     * How many of 5,723 answers to "How likely are you to recommend this airline?" gave each score, 0 to 10: the
     * Preppin' Data challenge input re-hosted by PrepBench (github.com/zzzbitz/prepbench, MIT,
     * data/case_122/inputs/input_01.csv; 98 airlines). 27 % detractors (0-6), 37 % passives, 36 % promoters: NPS +9,
     * where a uniform 0-10 made 64 % detractors. An exercise data set (its airline names are made up, and the counts
     * are nearly flat within 0-6 and within 7-10), but the only answer counts at hand with a stated licence.
     */
    private static final int[] SURVEY_ANSWERS = {229, 210, 217, 230, 238, 214, 220, 1_065, 1_031, 1_029, 1_040};

    /**
     * NPS scores drawn as often as the airline passengers of {@link #SURVEY_ANSWERS} gave them; without edge cases,
     * which would mix in far more 0s than the answers have (see {@link #uniformInts}).
     */
    private static Arbitrary<Integer> surveyScores() {
        List<Tuple.Tuple2<Integer, Integer>> frequencies = new ArrayList<>();
        for (int score = 0; score < SURVEY_ANSWERS.length; score++) {
            frequencies.add(Tuple.of(SURVEY_ANSWERS[score], score));
        }
        return Arbitraries.frequency(frequencies).edgeCases(edgeCases -> edgeCases.none());
    }

    /** Minutes between events: same-day bursts, days, and weeks (pending windows, expiry, reviews). */
    private static Arbitrary<Long> gaps() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, uniform(1, 90)),
                Tuple.of(4, uniform(90, 3 * 24 * 60)),
                Tuple.of(2, uniform(3 * 24 * 60, 45 * 24 * 60)));
    }

    /** Uniform quantile indexes; the edge cases (the median, the tiniest and the largest amounts) are kept. */
    private static Arbitrary<Integer> quantiles() {
        return Arbitraries.integers().between(-LogNormal.HALF, LogNormal.HALF)
                .withDistribution(RandomDistribution.uniform());
    }

    /**
     * Uniform choices without edge cases: jqwik's default bias towards small values and its edge cases (0, 1, the
     * bounds) would choose the first option, or a cap probe, far more often than the frequencies say.
     */
    private static Arbitrary<Integer> uniformInts(int min, int max) {
        return Arbitraries.integers().between(min, max).withDistribution(RandomDistribution.uniform())
                .edgeCases(edgeCases -> edgeCases.none());
    }

    private static Arbitrary<Long> uniform(long min, long max) {
        return Arbitraries.longs().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    /** Enrolment instants in the window, and in the month before each campaign; never on a whole minute. */
    @SuppressWarnings("unchecked")
    private Arbitrary<Instant> enrolments() {
        long span = Math.max(0, Duration.between(from, to).toMinutes());
        List<Tuple.Tuple2<Integer, Arbitrary<? extends Instant>>> choices = new ArrayList<>();
        choices.add(Tuple.of(2, uniform(0, span).map(m -> from.plus(Duration.ofMinutes(m)))));
        for (Campaign campaign : settings.earning().campaigns()) {
            Instant start = campaign.from().atStartOfDay(settings.zone()).toInstant();
            choices.add(Tuple.of(1, uniform(0, 30L * 24 * 60).map(m -> start.minus(Duration.ofMinutes(m)))));
        }
        // 17 s past the minute: no event falls exactly on a day, month or year boundary of the program zone
        return Arbitraries.frequencyOf(choices.toArray(Tuple.Tuple2[]::new)).map(at -> ((Instant) at).plusSeconds(17));
    }

    // ---------------------------------------------------------------- compose: draws to a valid history

    private Money amountAt(int quantile) {
        Currency currency = settings.currency();
        long median = medianSpend.movePointRight(Math.max(0, currency.getDefaultFractionDigits())).longValue();
        return Money.ofMinor(LogNormal.minorUnits(Math.max(1, median), spread, quantile), currency);
    }

    /**
     * A purchase that may still be refunded: its id, what is left to refund of it, and at least what is left of each
     * of its SKUs (minor units; the engine keeps a purchase's lines of one SKU as one line, docs/semantics.md section
     * 7).
     */
    private static final class Refundable {
        final String id;
        long left;
        final Map<String, Long> skus = new LinkedHashMap<>();
        final Map<String, String> categories = new LinkedHashMap<>();

        Refundable(Purchase purchase) {
            this.id = purchase.id();
            this.left = purchase.amount().minorUnits();
            for (PurchaseLine line : purchase.lines()) {
                skus.merge(line.sku(), line.amount().minorUnits(), Long::sum);
                categories.putIfAbsent(line.sku(), line.category());
            }
        }

        /** The refund {@code draw} asks for, taken off what is left. */
        Refund refund(String eventId, String memberId, Instant at, GiveBack draw, Currency currency) {
            List<String> open = skus.keySet().stream().filter(sku -> skus.get(sku) > 0).toList();
            if (!draw.namesLine() || open.isEmpty()) {
                long cents = share(left, draw.percent());
                // The engine spreads a refund without lines over what is left of each line and of the rest, each part
                // its share rounded down or up (docs/semantics.md section 7): a line keeps at least its share of what
                // is left after the refund, rounded down, which is what a later line refund may take.
                for (Map.Entry<String, Long> sku : skus.entrySet()) {
                    sku.setValue(Math.multiplyExact(sku.getValue(), left - cents) / left);
                }
                left -= cents;
                return Refund.of(eventId, memberId, at, id, Money.ofMinor(cents, currency));
            }
            String sku = open.get(draw.line() % open.size());
            long cents = share(skus.get(sku), draw.percent());
            skus.merge(sku, -cents, Long::sum);
            left -= cents;
            Money amount = Money.ofMinor(cents, currency);
            return new Refund(eventId, memberId, at, id, amount, Map.of(),
                    List.of(PurchaseLine.of(sku, categories.get(sku), 1, amount)));
        }

        private static long share(long of, int percent) {
            return percent >= 100 ? of : Math.max(1, of * percent / 100);
        }
    }

    private History compose(MemberProfile member, List<Draw> draws) {
        String m = member.memberId();
        Currency currency = settings.currency();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step.Send(new Enrollment(m + "-enrol", m, member.enrolledAt(), member.startingTier(),
                member.attributes())));
        List<Refundable> purchases = new ArrayList<>();
        List<Partner> burning = settings.partners().stream().filter(Partner::burns).toList();
        PaidTerms terms = new PaidTerms(settings);
        Instant at = member.enrolledAt();
        for (int i = 0; i < draws.size(); i++) {
            Draw draw = draws.get(i);
            if (draw instanceof SendAgain) {
                steps.add(new Step.Resend(((SendAgain) draw).pick()));
            } else if (draw instanceof Buy) {
                Buy buy = (Buy) draw;
                at = at.plus(Duration.ofMinutes(buy.gap()));
                Purchase purchase = purchase(m + "-p" + i, m, at, buy, currency);
                purchases.add(new Refundable(purchase));
                steps.add(new Step.Send(purchase));
            } else if (draw instanceof GiveBack) {
                GiveBack giveBack = (GiveBack) draw;
                List<Refundable> open = purchases.stream().filter(p -> p.left > 0).toList();
                if (open.isEmpty()) {
                    continue; // nothing bought yet, or all refunded: a refund could only be refused
                }
                at = at.plus(Duration.ofMinutes(giveBack.gap()));
                Refundable original = open.get(giveBack.purchase() % open.size());
                steps.add(new Step.Send(original.refund(m + "-r" + i, m, at, giveBack, currency)));
            } else if (draw instanceof Spend) {
                Spend spend = (Spend) draw;
                at = at.plus(Duration.ofMinutes(spend.gap()));
                Partner partner = choose(burning, spend.partner());
                steps.add(new Step.RedeemShare(m + "-x" + i, at, spend.permille(),
                        partner == null ? "" : partner.id()));
            } else if (draw instanceof Answer) {
                Answer answer = (Answer) draw;
                at = at.plus(Duration.ofMinutes(answer.gap()));
                steps.add(new Step.Send(new Survey(m + "-s" + i, m, at, answer.score(), Map.of())));
            } else if (draw instanceof Pay) {
                Pay pay = (Pay) draw;
                at = at.plus(Duration.ofMinutes(pay.gap()));
                MembershipPlan plan = settings.plans().get(pay.plan() % settings.plans().size());
                MembershipFee fee = new MembershipFee(m + "-f" + i, m, at, plan.price(), plan.tierId(),
                        plan.termMonths(), Map.of());
                terms.pay(fee);
                steps.add(new Step.Send(fee));
            } else if (draw instanceof CancelFee) {
                CancelFee cancel = (CancelFee) draw;
                List<FeeRecord> open = terms.refundable();
                if (open.isEmpty()) {
                    continue; // no fee paid yet, or all refunded: a fee refund could only be refused
                }
                at = at.plus(Duration.ofMinutes(cancel.gap()));
                FeeRecord fee = open.get(cancel.fee() % open.size());
                Money due = settings.feeRefund().due(fee, at, settings.calendar()).amount();
                terms.refund(fee.eventId(), at);
                steps.add(new Step.Send(new FeeRefund(m + "-fr" + i, m, at, fee.eventId(),
                        cancel.statesAmount() ? due : null, Map.of())));
            } else if (draw instanceof Claim) {
                Claim claim = (Claim) draw;
                at = at.plus(Duration.ofMinutes(claim.gap()));
                List<Benefit> benefits = settings.benefits().benefits();
                String benefit = benefits.get(claim.benefit() % benefits.size()).id();
                for (int use = 0; use < claim.uses(); use++) {
                    at = at.plus(Duration.ofMinutes(use == 0 ? 0 : USES_APART));
                    steps.add(new Step.Send(new BenefitClaim(m + "-c" + i + (use == 0 ? "" : "-" + use), m, at,
                            benefit, Map.of())));
                }
            }
        }
        return new History(member, steps);
    }

    private Purchase purchase(String id, String memberId, Instant at, Buy buy, Currency currency) {
        Money amount = buy.probesCap() ? capProbe(buy.quantile()).orElse(amountAt(buy.quantile()))
                : amountAt(buy.quantile());
        long total = amount.minorUnits();
        long delivery = 0;
        long tax = 0;
        if (buy.hasCharges() && total >= 100) {
            delivery = Math.min(599, total / 10);
            tax = total * 7 / 100;
        }
        List<PurchaseLine> lines = new ArrayList<>();
        if (!buy.lines().isEmpty()) {
            long goods = total - delivery - tax;
            long weights = buy.lines().stream().mapToLong(LineDraw::weight).sum();
            long given = 0;
            for (int j = 0; j < buy.lines().size(); j++) {
                LineDraw line = buy.lines().get(j);
                long cents = j == buy.lines().size() - 1 ? goods - given : goods * line.weight() / weights;
                given += cents;
                String sku = line.sku() < 100 && !skus.isEmpty() ? skus.get(line.sku() % skus.size())
                        : "SKU-" + line.sku() % 40;
                lines.add(PurchaseLine.of(sku, categories.get(line.category() % categories.size()), line.quantity(),
                        Money.ofMinor(cents, currency)));
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        int code = buy.attributes();
        for (Map.Entry<String, List<String>> attribute : purchaseAttributes.entrySet()) {
            String value = choose(attribute.getValue(), code);
            code /= attribute.getValue().size() + 1;
            if (value != null) {
                attributes.put(attribute.getKey(), value);
            }
        }
        Map<String, BigDecimal> metrics = new TreeMap<>();
        if (buy.units() > 0) {
            eventMetrics().forEach(metric -> metrics.put(metric, BigDecimal.valueOf(buy.units())));
        }
        String channel = choose(channels, buy.channel());
        Partner partner = choose(settings.partners(), buy.partner());
        return new Purchase(id, memberId, at, amount, channel, partner == null ? "" : partner.id(), attributes, metrics,
                lines, Money.ofMinor(delivery, currency), Money.ofMinor(tax, currency));
    }

    /**
     * An amount that earns about {@code 0.25..1.5} times the limit of one points or money cap at the program's highest
     * earn rate; empty without such caps or when probes are off.
     */
    private Optional<Money> capProbe(int quantile) {
        List<Cap> caps = settings.caps().stream().filter(c -> c.measure() != CapMeasure.COUNT && c.limit() > 0)
                .toList();
        BigDecimal rate = highestRate();
        if (!capProbes || caps.isEmpty() || rate.signum() <= 0) {
            return Optional.empty();
        }
        int index = quantile + LogNormal.HALF; // 0 .. 2 HALF
        Cap cap = caps.get(index % caps.size());
        BigDecimal share = BigDecimal.valueOf(250 + 1250L * index / (2L * LogNormal.HALF), 3);
        int digits = Math.max(0, settings.currency().getDefaultFractionDigits());
        BigDecimal amount = BigDecimal.valueOf(cap.limit()).multiply(share).divide(rate, digits, RoundingMode.HALF_UP);
        return Optional.of(Money.of(amount.max(BigDecimal.ONE.movePointLeft(digits)), settings.currency()));
    }

    /** The highest points (or minor units) per currency unit any earning rate or partner of the program pays. */
    private BigDecimal highestRate() {
        BigDecimal rate = settings.earning().baseRate();
        for (RateRule r : settings.earning().rates()) {
            rate = rate.max(r.rate());
        }
        for (Partner partner : settings.partners()) {
            rate = rate.max(partner.earnRate());
        }
        return rate;
    }

    /** Metrics that purchases must carry because the ladder, a milestone or a metric rate counts them. */
    private Set<String> eventMetrics() {
        Set<String> metrics = new TreeSet<>();
        metrics.add(settings.ladder().metric());
        settings.earning().milestones().forEach(mi -> metrics.add(mi.metric()));
        metrics.addAll(settings.earning().metricRates().keySet());
        metrics.removeAll(DERIVED_METRICS);
        metrics.removeAll(settings.growthRates().keySet());
        return metrics;
    }

    /**
     * One of n options or none, by {@code k = pick % (n + 1)}: none (null) for 0, so that a choice shrinks to none,
     * else {@code options[k - 1]}.
     */
    private static <T> T choose(List<T> options, int pick) {
        if (options.isEmpty()) {
            return null;
        }
        int index = pick % (options.size() + 1);
        return index == 0 ? null : options.get(index - 1);
    }

    private static List<String> union(List<String> known, String... extra) {
        Set<String> all = new LinkedHashSet<>(known);
        for (String value : extra) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("values must not be blank, were " + Arrays.toString(extra));
            }
            all.add(value);
        }
        return new ArrayList<>(all);
    }

    private static Map<String, List<String>> copyOfLists(Map<String, List<String>> map) {
        Map<String, List<String>> copy = new TreeMap<>();
        map.forEach((k, v) -> copy.put(k, List.copyOf(new LinkedHashSet<>(v))));
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** What these arbitraries draw from, for a reader of a failing property. */
    @Override
    public String toString() {
        return "LoyaltyArbitraries[" + settings.id() + " " + settings.version() + ", categories " + categories
                + ", skus " + skus + ", channels " + channels + ", purchase attributes " + purchaseAttributes
                + ", member attributes " + memberAttributes.keySet() + ", tags " + memberTags + ", metrics "
                + eventMetrics() + ", median " + medianSpend + " " + settings.currency() + " (log-sd " + spread
                + "), " + minSteps + ".." + maxSteps + " steps from " + from + " to " + to
                + (capProbes ? ", cap probes" : "") + "]";
    }
}
