package org.loyaltyrules.testkit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsCollector;
import org.apiguardian.api.API;
import org.loyaltyrules.core.event.BenefitClaim;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.rules.Program;

/**
 * The invariants as jqwik properties: extend it, say which program, and every {@link Invariant} is checked on
 * generated histories of that program's members, one property per invariant.
 *
 * <pre>{@code
 * class MyProgramProperties extends ProgramPropertiesContract {
 *     @Override
 *     protected Program program() {
 *         return Program.load(Path.of("programs/my-program"));
 *     }
 * }
 * }</pre>
 *
 * <p>Tries default to 100 per property; a subclass annotated {@code @PropertyDefaults(tries = N)} changes them. The
 * monotonicity property is reported as skipped unless the program declares it (program.json {@code "declares":
 * {"monotoneInSpend": true}}, or an {@link #invariants} override). The program, invariants and arbitraries are built
 * once per subclass ({@link #invariants()} gives them to a property of the subclass's own); a program that does not
 * load or compile fails every property with that one failure.
 *
 * <p>Each property reports, as jqwik statistics, what its histories exercised: events per history, whether a purchase
 * earned points, whether a redemption was applied. It fails when no purchase of any of its histories earned a point:
 * its invariant would have held on histories that exercise none of the program's earning rules, say because they
 * match a basket-line category only the DRL names. The message says which {@code with...} of
 * {@link LoyaltyArbitraries} to use in an {@link #arbitraries} override.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@PropertyDefaults(tries = 100)
public abstract class ProgramPropertiesContract {

    private record Setup(ProgramInvariants invariants, LoyaltyArbitraries arbitraries) {
    }

    /** A subclass's setup, or why it could not be built: a program is loaded and compiled once, even when it fails. */
    private record Built(Setup setup, RuntimeException failure) {
    }

    private static final Map<Class<?>, Built> SETUPS = new ConcurrentHashMap<>();

    /** The program under test; called once per subclass. */
    protected abstract Program program();

    /**
     * The invariants to check, monotonicity as program.json declares it; override to say otherwise in the test
     * ({@link ProgramInvariants#monotoneInSpend}).
     */
    protected ProgramInvariants invariants(Program program) {
        return ProgramInvariants.of(program);
    }

    /**
     * The invariants this class checks, built once per class from {@link #program()} and {@link #invariants(Program)}:
     * for a property of your own, such as one that pins the seed of a failure, without compiling the program again on
     * every try.
     */
    protected final ProgramInvariants invariants() {
        return setup().invariants();
    }

    /** The histories to check them on; override to add categories, attributes, tags or to change the spend. */
    protected LoyaltyArbitraries arbitraries(Program program) {
        return LoyaltyArbitraries.forProgram(program);
    }

    /**
     * Whether the program's purchases earn points; override to return {@code false} for a program that awards none by
     * design (a paid membership without points): then a property does not fail because no generated purchase earned.
     */
    protected boolean purchasesEarn() {
        return true;
    }

    /**
     * The setup of this subclass. A program that does not load or compile fails every property with the one failure,
     * rethrown: compiling it again for each property would only print the same errors once per property.
     */
    private Setup setup() {
        Built built = SETUPS.computeIfAbsent(getClass(), c -> {
            try {
                Program program = program();
                return new Built(new Setup(invariants(program), arbitraries(program)), null);
            } catch (RuntimeException e) {
                return new Built(null, e);
            }
        });
        if (built.failure() != null) {
            throw built.failure();
        }
        return built.setup();
    }

    @Provide
    Arbitrary<History> loyaltyHistories() {
        return setup().arbitraries().histories();
    }

    /**
     * Checks {@code invariant} on {@code history} and collects what the history exercised. A property whose histories
     * never had a purchase earn a point fails once its tries are done (unless {@link #purchasesEarn} says none should): its invariant held on nothing worth checking,
     * typically because the program's rules read a category, attribute or tag the arbitraries do not generate.
     */
    private void check(History history, Invariant invariant) {
        int events = history.steps().size();
        Statistics.label("events per history").collect(events < 8 ? "1-7" : events < 16 ? "8-15" : "16+");
        HistoryRun run = setup().invariants().checkedRun(history, invariant);
        boolean redeemed = run.turns().stream()
                .anyMatch(t -> t.event() instanceof Redemption && t.decision().isApplied());
        boolean earned = run.turns().stream()
                .anyMatch(t -> t.event() instanceof Purchase && t.decision().pointsAwarded() > 0);
        Statistics.label("a redemption applied").collect(redeemed);
        if (!setup().invariants().program().settings().benefits().benefits().isEmpty()) {
            // a benefit no generated claim is granted (a tier no history reaches, a birthday format of its own) is a
            // benefit no invariant checked: this line shows it
            Statistics.label("a benefit claim granted").collect(run.turns().stream()
                    .anyMatch(t -> t.event() instanceof BenefitClaim && t.decision().isApplied()));
        }
        StatisticsCollector earning = Statistics.label("a purchase earned points").collect(earned);
        if (purchasesEarn()) {
            earning.coverage(coverage -> coverage.check(true).count((histories, tries) -> {
                if (histories == 0) {
                    throw new AssertionError(nothingEarned(tries));
                }
            }));
        }
    }

    private String nothingEarned(int tries) {
        Program program = setup().invariants().program();
        return "no purchase earned a point in any of the " + tries + " histories of " + program.id() + " "
                + program.version() + ", so the invariant held on histories that exercise none of its earning rules."
                + " Override arbitraries(Program) so that purchases carry what the rules read and program.json does"
                + " not name: basket-line categories (withCategories), SKUs (withSkus), channels (withChannels),"
                + " purchase or member attributes (withPurchaseAttribute, withMemberAttribute), member tags"
                + " (withMemberTags) or larger baskets (withSpend). The histories came from "
                + setup().arbitraries();
    }

    @Property
    void the_ledger_conserves_points_after_every_decision(@ForAll("loyaltyHistories") History history) {
        check(history, Invariant.LEDGER_CONSERVED);
    }

    @Property
    void caps_are_never_exceeded(@ForAll("loyaltyHistories") History history) {
        check(history, Invariant.CAPS_NEVER_EXCEEDED);
    }

    @Property
    void the_same_state_and_event_give_equal_decisions(@ForAll("loyaltyHistories") History history) {
        check(history, Invariant.DETERMINISM);
    }

    @Property
    void redeeming_points_never_demotes_the_member(@ForAll("loyaltyHistories") History history) {
        check(history, Invariant.NO_DEMOTION_ON_REDEMPTION);
    }

    @Property
    void redemptions_never_earn_points(@ForAll("loyaltyHistories") History history) {
        check(history, Invariant.REDEMPTIONS_NEVER_EARN);
    }

    @Property
    void refunds_never_create_points(@ForAll("loyaltyHistories") History history) {
        check(history, Invariant.REFUNDS_NEVER_CREATE_POINTS);
    }

    @Property
    void a_duplicate_event_changes_nothing(@ForAll("loyaltyHistories") History history) {
        check(history, Invariant.DUPLICATES_CHANGE_NOTHING);
    }

    @Property
    void benefit_quotas_are_never_exceeded(@ForAll("loyaltyHistories") History history) {
        check(history, Invariant.BENEFIT_QUOTAS_KEPT);
    }

    @Property
    @AddLifecycleHook(SkipUnlessMonotone.class)
    void more_spend_never_earns_fewer_points(@ForAll("loyaltyHistories") History history) {
        check(history, Invariant.MONOTONE_IN_SPEND);
    }

    /** Skips the monotonicity property of a program that does not declare it (visible as skipped, not as passed). */
    static final class SkipUnlessMonotone implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            if (context instanceof PropertyLifecycleContext
                    && ((PropertyLifecycleContext) context).testInstance() instanceof ProgramPropertiesContract) {
                ProgramPropertiesContract contract =
                        (ProgramPropertiesContract) ((PropertyLifecycleContext) context).testInstance();
                if (!contract.setup().invariants().isMonotoneInSpend()) {
                    return SkipResult.skip("the program does not declare it is monotone in spend (program.json"
                            + " \"declares\": {\"monotoneInSpend\": true})");
                }
            }
            return SkipResult.doNotSkip();
        }
    }
}
