package org.loyaltyrules.spring;

import java.util.concurrent.atomic.AtomicBoolean;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.jdbc.LoyaltyService;
import org.loyaltyrules.rules.Decision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Warns once when {@link LoyaltyService#apply} returned on a thread bound to a Spring-managed transaction, its
 * after-commit callbacks included (Spring releases the transaction's connection only after them): the service commits
 * on a connection of its own, so that transaction's rollback does not undo the event, and the caller holds a second
 * connection of the pool meanwhile (docs/embedding.md section 3). Made only when spring-tx is on the classpath.
 */
final class TransactionWarning implements LoyaltyService.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionWarning.class);

    static final String MESSAGE = "LoyaltyService.apply was called on a thread bound to a Spring transaction (event {} "
            + "of member {}), perhaps in its after-commit callback: it commits on a connection of its own, so a "
            + "rollback does not undo the event, and it takes a second connection from the pool while the caller still "
            + "holds the transaction's. Apply once the transactional method has returned, or hand the event to another "
            + "thread (an @Async @TransactionalEventListener(phase = AFTER_COMMIT)), with the order id as the event id "
            + "(docs/embedding.md section 3). Logged once.";

    private final AtomicBoolean warned = new AtomicBoolean();

    @Override
    public void decided(LoyaltyEvent event, Decision decision, long nanos) {
        if (!warned.get() && TransactionSynchronizationManager.isActualTransactionActive()
                && warned.compareAndSet(false, true)) {
            LOG.warn(MESSAGE, event.id(), event.memberId());
        }
    }
}
