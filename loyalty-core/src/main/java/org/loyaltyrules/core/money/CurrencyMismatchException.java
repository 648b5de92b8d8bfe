package org.loyaltyrules.core.money;

import java.util.Currency;
import org.apiguardian.api.API;

/** Arithmetic or comparison between two different currencies; the message names both. */
@API(status = API.Status.STABLE, since = "0.1")
public final class CurrencyMismatchException extends IllegalArgumentException {

    private final Currency left;
    private final Currency right;

    public CurrencyMismatchException(Currency left, Currency right) {
        super("Currency mismatch: " + left.getCurrencyCode() + " and " + right.getCurrencyCode());
        this.left = left;
        this.right = right;
    }

    public Currency left() {
        return left;
    }

    public Currency right() {
        return right;
    }
}
