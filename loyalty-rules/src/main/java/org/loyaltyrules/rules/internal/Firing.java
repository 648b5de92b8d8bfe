package org.loyaltyrules.rules.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.Match;

/**
 * One evaluation's Drools session: facts go in, groups fire in the order the engine asks, and every fact a rule
 * inserts comes back as a {@link Conclusion} naming the rule and its bound inputs. Always {@link #close() closed}
 * (disposed) by the caller, in a try-with-resources.
 */
public final class Firing implements AutoCloseable {

    private static final AtomicInteger LIVE = new AtomicInteger();

    /**
     * Sessions are used by one evaluation, on one thread, at a time (handed between threads only through the pool's
     * concurrent stack), so they need none of Drools' locking for inserts from other threads.
     */
    private static final org.kie.api.runtime.KieSessionConfiguration SESSION_CONFIGURATION = sessionConfiguration();

    private static org.kie.api.runtime.KieSessionConfiguration sessionConfiguration() {
        org.kie.api.runtime.KieSessionConfiguration conf = org.kie.api.KieServices.get().newKieSessionConfiguration();
        conf.setOption(org.kie.api.runtime.conf.ThreadSafeOption.NO);
        return conf;
    }

    private final KieSession session;
    private final RulePack pack;
    private final List<Object> standing;
    private int standingCount;
    // only while in use: the pool must stay reachable during an evaluation (its Cleaner disposes the sessions it kept
    // once it is unreachable), and an idle pooled session must not keep its pool alive after a reload
    private SessionPool pool;
    private int fireLimit;
    private final List<Conclusion> conclusions = new ArrayList<>();
    // the canonical order of the facts in the session (see Order) and of each conclusion's match
    private final Map<Object, int[]> standingOrder = new IdentityHashMap<>();
    private final Map<Object, int[]> order = new IdentityHashMap<>();
    private final List<int[]> conclusionOrder = new ArrayList<>();
    private int[] currentOrder;
    private int insertedByEngine;
    private int insertedByMatch;
    private final Map<String, Integer> firedByRule = new TreeMap<>();
    private final Map<Object, Boolean> seen = new IdentityHashMap<>();
    private Match current;
    private boolean inUse;
    private boolean broken;
    // what a rule did to the engine's facts, kept when the rule caught it (see refused)
    private RuleFailure refusal;

    Firing(RulePack pack, List<Object> standing) {
        this.session = pack.kieBase().newKieSession(SESSION_CONFIGURATION, null);
        this.pack = pack;
        this.standing = standing;
        listen();
        seedStanding();
    }

    private void seedStanding() {
        for (Object fact : standing) {
            insert(fact);
        }
        handles.clear(); // standing facts stay: they are not this evaluation's
        standingOrder.clear();
        order.forEach((fact, o) -> standingOrder.put(fact, Order.standing(o[1])));
        order.clear();
        insertedByEngine = 0;
        standingCount = (int) session.getFactCount();
    }

    void pooledBy(SessionPool owner) {
        this.pool = owner;
    }

    boolean inUse() {
        return inUse;
    }

    void begin(int limit) {
        inUse = true;
        fireLimit = limit;
        LIVE.incrementAndGet();
    }

    /** Fires a group and says how many rules fired (for probing a session). */
    int fireCounting(String group) {
        session.getAgenda().getAgendaGroup(group).setFocus();
        return session.fireAllRules(fireLimit);
    }

    /**
     * Disposes the session of a pool that is gone: no thread can open it again (its pool's ThreadLocal is
     * unreachable), so it only holds memory in the shared KieBase.
     */
    void retire() {
        broken = true;
        session.dispose();
    }

    /** Marks the session as not to be reused. */
    void discard() {
        broken = true;
    }

    private DefaultAgendaEventListener agendaListener;
    private DefaultRuleRuntimeEventListener insertListener;

    /** (Re)attaches the listeners: a session reset drops them. */
    private void listen() {
        if (agendaListener != null) {
            session.removeEventListener(agendaListener);
            session.removeEventListener(insertListener);
        }
        agendaListener = new DefaultAgendaEventListener() {
            @Override
            public void beforeMatchFired(BeforeMatchFiredEvent event) {
                current = event.getMatch();
                currentOrder = null;
                insertedByMatch = 0;
                firedByRule.merge(event.getMatch().getRule().getName(), 1, Integer::sum);
            }

            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                current = null;
                currentOrder = null;
            }
        };
        insertListener = new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                handles.add(event.getFactHandle());
                if (event.getRule() != null && isEngineInput(event.getObject())) {
                    // the lint refuses insert( new TierBonusRate( .. ) ); this is the same through a variable or cast
                    String type = event.getObject().getClass().getSimpleName();
                    throw refused(event.getRule().getName(), "inserted " + type + ": "
                            + EngineReads.insertRefused(type));
                }
                if (event.getRule() == null || current == null) {
                    order.put(event.getObject(), Order.byEngine(insertedByEngine++));
                    if (event.getRule() == null) {
                        return;
                    }
                } else {
                    if (currentOrder == null) {
                        currentOrder = Order.ofMatch(current, Firing.this::orderOf);
                    }
                    order.put(event.getObject(), Order.inserted(currentOrder, insertedByMatch++));
                }
                if (seen.put(event.getObject(), Boolean.TRUE) == null) {
                    conclusions.add(new Conclusion(event.getObject(), event.getRule().getName(), inputsOf(current)));
                    conclusionOrder.add(order.get(event.getObject()));
                }
            }

            @Override
            public void objectUpdated(ObjectUpdatedEvent event) {
                // update( $fact ) tells the engine a fact changed; update( handle, other ) swaps the fact for another
                // object, which the engine's own copy of its inputs and conclusions never sees
                if (event.getRule() != null && event.getOldObject() != event.getObject()) {
                    throw refused(event.getRule().getName(), "replaced the "
                            + event.getOldObject().getClass().getSimpleName() + " behind a fact handle with another "
                            + "object: rules conclude with new facts (insert) and leave the facts they match as they are");
                }
            }

            @Override
            public void objectDeleted(ObjectDeletedEvent event) {
                Object fact = event.getOldObject();
                if (event.getRule() != null && fact != null && EngineReads.isFact(fact.getClass())) {
                    throw refused(event.getRule().getName(), "deleted "
                            + EngineReads.deleteRefused(fact.getClass().getSimpleName()));
                }
            }
        };
        session.addEventListener(agendaListener);
        session.addEventListener(insertListener);
    }

    /** A fact of the facts package that is no conclusion: the engine's input, which only the engine inserts. */
    private static boolean isEngineInput(Object fact) {
        return EngineReads.isFact(fact.getClass()) && !EngineReads.isConclusion(fact.getClass().getSimpleName());
    }

    /**
     * What a rule did to the engine's facts that the pack checks could not see in its text: the event fails. The
     * failure is thrown into the rule's code, which stops it, and kept: a rule that catches it has still done it, so
     * {@link #fire} throws it once the group has fired (the first one, when there were several).
     */
    private RuleFailure refused(String rule, String what) {
        broken = true;
        if (refusal == null) {
            refusal = new RuleFailure(rule, "rule \"" + rule + "\" " + what, null);
        }
        return refusal;
    }

    /** Sessions opened and not yet closed, across the JVM (for leak checks). */
    public static int liveSessions() {
        return LIVE.get();
    }

    /**
     * Inserts a fact, unless no rule of the pack has a pattern that could match it. Drools evaluates conditions (and
     * the salience of the matches they make) as the fact goes in: one that throws (also an {@link #ruleCaused error
     * of its own}) becomes a {@link RuleFailure} naming the rule when the failure can be traced to one.
     */
    public void insert(Object fact) {
        if (pack.matches(fact.getClass())) {
            try {
                session.insert(fact);
            } catch (RuntimeException e) {
                throw failed(e);
            } catch (Error e) {
                throw failed(ruleCaused(e));
            }
        }
    }

    private final List<org.kie.api.runtime.rule.FactHandle> handles = new ArrayList<>();

    public void insertAll(Collection<?> facts) {
        for (Object fact : facts) {
            insert(fact);
        }
    }

    /**
     * Inserts the program's settings facts for this evaluation alone (a pack whose sessions cannot keep them
     * standing): they take the order standing ones would have, so matches are recorded in the same order either way.
     */
    public void insertSettings(List<?> settings) {
        for (int i = 0; i < settings.size(); i++) {
            insert(settings.get(i));
            if (order.containsKey(settings.get(i))) {
                order.put(settings.get(i), Order.standing(i));
            }
        }
    }

    /**
     * Fires one ruleflow group to quiescence. A rule that throws (also an {@link #ruleCaused error of its own})
     * becomes a {@link RuleFailure} naming it; a group that fires {@code fireLimit} times is taken to loop and fails
     * naming the rules that fired most.
     */
    public void fire(String group) {
        int firstOfGroup = conclusions.size();
        session.getAgenda().getAgendaGroup(group).setFocus();
        int fired;
        try {
            fired = session.fireAllRules(fireLimit);
        } catch (RuntimeException e) {
            throw failed(e);
        } catch (Error e) {
            throw failed(ruleCaused(e));
        }
        if (refusal != null) {
            throw refusal; // caught by the rule that caused it: the change was made all the same
        }
        if (fired >= fireLimit) {
            broken = true;
            List<Map.Entry<String, Integer>> top = new ArrayList<>(firedByRule.entrySet());
            top.sort((a, b) -> b.getValue() - a.getValue());
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < Math.min(3, top.size()); i++) {
                names.append(i == 0 ? "" : ", ").append('"').append(top.get(i).getKey()).append("\" (")
                        .append(top.get(i).getValue()).append(" firings)");
            }
            throw new RuleFailure(top.isEmpty() ? "?" : top.get(0).getKey(), "ruleflow group \"" + group
                    + "\" stopped at the fire limit of " + fireLimit + "; the rules look like a loop: " + names, null);
        }
        Order.sortByRule(conclusions, conclusionOrder, firstOfGroup);
    }

    /**
     * {@code e}, which rule code caused as it causes an exception: a recursive DRL function overflows the stack
     * ({@link StackOverflowError}), an {@code assert} or {@code throw new AssertionError(..)} fails, a class the rules
     * use fails to initialise or to link ({@link LinkageError}: {@code ExceptionInInitializerError},
     * {@code NoClassDefFoundError}), or a rule throws some other {@link Error} (also a {@link ThreadDeath}: no code
     * of the engine stops a thread, and the pack guard refuses {@code Thread}, so one is a rule's own). Drools passes
     * errors through unwrapped, so without this an event would fail with a bare error, and a whole run with it. The
     * JVM's own failures ({@link OutOfMemoryError}, {@link InternalError}: every other {@link VirtualMachineError})
     * are no rule's fault: the evaluation, not the event, failed; they are thrown on as they are, from here (the pack
     * guard refuses rule code that constructs one, so a rule cannot forge them).
     */
    private Error ruleCaused(Error e) {
        if (jvmFailure(e)) {
            broken = true; // it stopped half way through a firing: the session is not reused
            throw e;
        }
        return e;
    }

    /** One of the JVM's own failures: every {@link VirtualMachineError} but a {@link StackOverflowError}. */
    static boolean jvmFailure(Throwable e) {
        return e instanceof VirtualMachineError && !(e instanceof StackOverflowError);
    }

    /**
     * The failure of a consequence (the rule firing is known), or of a condition, salience or calendar Drools
     * evaluated outside any consequence (the rule is told from what the failure quotes). The session is not reused.
     */
    private RuleFailure failed(Throwable e) {
        broken = true;
        if (refusal != null) {
            return refusal; // the rule went on after catching it, and failed otherwise
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RuleFailure) {
                // a nested evaluation's failure, or a refusal of the listeners (thrown through Drools' consequence
                // handling, which wraps it), already names its rule
                return (RuleFailure) t;
            }
        }
        if (current != null) {
            String rule = current.getRule().getName();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new RuleFailure(rule, "rule \"" + rule + "\" failed: " + cause, e);
        }
        List<String> suspects = pack.suspects(e);
        String detail = firstLine(e);
        if (suspects.isEmpty()) {
            // no rule to name: the whole message, whose MVEL part quotes the condition as written in the DRL
            String quoted = String.valueOf(e.getMessage()).strip().replaceAll("\\s*\\n\\s*", " ");
            return new RuleFailure("?", "a rule failed evaluating its conditions or attributes: "
                    + e.getClass().getName() + ": " + quoted, e);
        }
        StringBuilder names = new StringBuilder();
        for (String name : suspects) {
            names.append(names.length() == 0 ? "" : ", ").append('"').append(name).append('"');
        }
        return new RuleFailure(suspects.get(0), (suspects.size() == 1 ? "rule " : "one of rules ") + names
                + " failed evaluating its conditions or attributes: " + detail, e);
    }

    /** The failure and its first cause, one line each at most (MVEL messages draw the expression over lines). */
    private static String firstLine(Throwable e) {
        String text = oneLine(e);
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            String because = oneLine(cause);
            if (!text.contains(because.substring(because.indexOf(':') + 1).strip())) {
                text += " (caused by " + because + ")";
            }
        }
        return text;
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().strip();
        int nl = message.indexOf('\n');
        return t.getClass().getName() + (message.isEmpty() ? "" : ": " + (nl < 0 ? message : message.substring(0, nl)));
    }

    /** The canonical order of a fact in the session, null for an object no one inserted (an accumulate's result). */
    private int[] orderOf(Object fact) {
        int[] o = order.get(fact);
        return o != null ? o : standingOrder.get(fact);
    }

    /**
     * Every fact rules inserted so far, in the order they were inserted, except that each rule's conclusions in a
     * group are taken in the {@link Order canonical order} of their matches, not in the order Drools fired them.
     */
    public List<Conclusion> conclusions() {
        return conclusions;
    }

    public <T> List<Conclusion> conclusionsOf(Class<T> type) {
        List<Conclusion> list = new ArrayList<>();
        for (Conclusion c : conclusions) {
            if (type.isInstance(c.fact())) {
                list.add(c);
            }
        }
        return list;
    }

    private static Map<String, String> inputsOf(Match match) {
        if (match == null) {
            return Map.of();
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        for (String id : match.getDeclarationIds()) {
            Object value = match.getDeclarationValue(id);
            if (value instanceof BigDecimal) {
                inputs.put(id, ((BigDecimal) value).toPlainString());
            } else if (value == null || value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
                inputs.put(id, String.valueOf(value));
            }
        }
        return java.util.Collections.unmodifiableMap(inputs);
    }

    /** Ends the evaluation: a healthy session is cleaned and goes back to its pool for the next evaluation. */
    @Override
    public void close() {
        LIVE.decrementAndGet();
        inUse = false;
        conclusions.clear();
        conclusionOrder.clear();
        order.clear();
        insertedByEngine = 0;
        firedByRule.clear();
        seen.clear();
        refusal = null;
        current = null;
        currentOrder = null;
        SessionPool owner = pool;
        pool = null;
        if (!broken && owner != null) {
            try {
                clean();
            } catch (RuntimeException e) {
                broken = true; // a session that cannot be cleaned is not reused; the evaluation's outcome stands
            }
        }
        if (broken || owner == null) {
            if (owner != null) {
                owner.forget(this);
            }
            session.dispose();
            return;
        }
        owner.keep(this); // only once clean: another thread may take it at once
    }

    private void clean() {
        // deleting this evaluation's facts keeps the session's per-class stores warm (a reset rebuilds them)
        for (int i = handles.size() - 1; i >= 0; i--) {
            session.delete(handles.get(i));
        }
        handles.clear();
        if (session.getFactCount() != standingCount) {
            ((org.drools.kiesession.session.StatefulKnowledgeSessionImpl) session).reset();
            listen();
            seedStanding();
        }
    }
}
