package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/** Concluded by rules: something to tell the member or staff, e.g. a downgrade warning during the grace period. */
@API(status = API.Status.STABLE, since = "0.1")
public record MemberNotice(String code, String message) {

    public static MemberNotice of(String code, String message) {
        return new MemberNotice(code, message);
    }
}
