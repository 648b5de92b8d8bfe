package org.loyaltyrules.testkit.reference;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import net.jqwik.api.PropertyDefaults;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.testkit.ProgramPropertiesContract;

/**
 * The contract for one reference program of loyalty-examples, as a rule author would write it (public API only).
 * None of the reference programs pays more for less: each program.json declares monotonicity in spend, which the
 * contract reads (EveryReferenceProgramIsCheckedTest keeps all of them declaring it). 100 tries per property (the
 * contract's default) keep the eleven programs at about 25 s on two cores; an explicit {@code @PropertyDefaults}
 * wins over {@code -Djqwik.tries.default}, so a long run edits the number here.
 */
@PropertyDefaults(tries = 100)
abstract class ReferenceProgramProperties extends ProgramPropertiesContract {

    /** The program's folder under loyalty-examples/programs. */
    abstract String folder();

    @Override
    protected Program program() {
        return ReferencePrograms.load(folder());
    }

    /** The invariants above run against the program the subclass names, not a neighbour's folder. */
    @Example
    void the_contract_checks_the_program_its_folder_holds() {
        assertThat(program().id()).isEqualTo(folder());
    }
}
