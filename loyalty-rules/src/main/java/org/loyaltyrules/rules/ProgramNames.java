package org.loyaltyrules.rules;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The ids and names a program's decisions can carry, so that a test of the program (a scenario) can tell a typo from
 * an expectation the program does not meet: the tier ids of the ladder; the cap ids of program.json; the benefit ids
 * of program.json and those its rules conclude as literals ({@code BenefitGrant.unlocked("apology-voucher", ..)});
 * the risk flag codes the rules conclude, when every rule concluding a flag names its code as a literal (empty when
 * one computes it); the names a posting's rule can have (every rule of the pack and the postings the engine books
 * itself, docs/embedding.md); and the refusal codes of the engine (docs/semantics.md). Each list is in the order of
 * the program (tiers: lowest first) or sorted.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ProgramNames(List<String> tiers, List<String> caps, List<String> benefits,
                           Optional<List<String>> riskFlags, List<String> postingRules, List<String> refusalCodes) {

    public ProgramNames {
        tiers = List.copyOf(tiers);
        caps = List.copyOf(caps);
        benefits = List.copyOf(benefits);
        requireNonNull(riskFlags, "riskFlags");
        riskFlags = riskFlags.map(List::copyOf);
        postingRules = List.copyOf(postingRules);
        refusalCodes = List.copyOf(refusalCodes);
    }
}
