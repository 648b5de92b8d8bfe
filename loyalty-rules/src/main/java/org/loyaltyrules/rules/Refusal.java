package org.loyaltyrules.rules;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;

/**
 * A business "no" that valid input can cause, with the numbers: over-redemption ("requested 500, available 320"),
 * a refund beyond what is left, an unknown purchase or redemption, a closed member, a wrong currency. Nothing changed.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Refusal(String code, String detail) {

    public Refusal {
        requireNonNull(code, "code");
        requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return code + ": " + detail;
    }
}
