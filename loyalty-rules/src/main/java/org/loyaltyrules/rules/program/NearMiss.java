package org.loyaltyrules.rules.program;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A written name that is probably a misspelling of a known one: {@code chanel} of {@code channel}, {@code amout} of
 * {@code amount}, {@code Amount} of {@code amount}. Near means at most 2 edits (insert, delete, replace or swap two
 * neighbours, ignoring case) from a known name of 5 or more characters, at most 1 edit from a shorter one, so that
 * {@code id} is not taken for {@code at}. Used by the event readers, by program.json's and the scenarios' field
 * checks, and by the scenario runner (for names the program has).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class NearMiss {

    private NearMiss() {
    }

    /** The known name nearest to {@code written} when it is near one and is not itself known; the first on a tie. */
    public static Optional<String> of(String written, Collection<String> known) {
        if (known.contains(written)) {
            return Optional.empty();
        }
        String nearest = null;
        int best = Integer.MAX_VALUE;
        for (String name : known) {
            int distance = distance(written.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
            if (distance <= (name.length() < 5 ? 1 : 2) && distance < best) {
                nearest = name;
                best = distance;
            }
        }
        return Optional.ofNullable(nearest);
    }

    /** {@code "; did you mean \"x\"?"} for the known name nearest to {@code written}, or "" when none is near. */
    public static String suggestion(String written, Collection<String> known) {
        return of(written, known).map(near -> "; did you mean \"" + near + "\"?").orElse("");
    }

    /** Optimal string alignment distance: Levenshtein plus the swap of two neighbouring characters as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
