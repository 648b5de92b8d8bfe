package org.loyaltyrules.kafka;

import java.nio.file.Path;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the engine from the program folder named by each record of the programs topic (a global topic: every
 * instance reads all of it). A folder that does not load or compile, or that holds another program (another
 * {@code id}, e.g. hilton-honors for retail-basic), is logged and ignored, and the running program stays. On start, Kafka Streams runs the records left in the topic through this loader again (the global store is in
 * memory, the topic is its log), so a restarted instance ends on the last loadable folder still in the topic: with a
 * compacted topic, records must be keyed by folder path (docs/scale-out.md), or a broken last record hides the good
 * ones.
 */
final class ProgramLoader implements Processor<String, String, Void, Void> {

    static final String CURRENT = "current";
    private static final Logger LOG = LoggerFactory.getLogger(ProgramLoader.class);

    private final LoyaltyEngine engine;
    private KeyValueStore<String, String> programs;

    ProgramLoader(LoyaltyEngine engine) {
        this.engine = engine;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        programs = context.getStateStore(LoyaltyTopology.PROGRAM_STORE);
        String last = programs.get(CURRENT);
        if (last != null) {
            load(last);
        }
    }

    @Override
    public void process(Record<String, String> record) {
        if (record.value() != null && load(record.value().strip())) {
            programs.put(CURRENT, record.value().strip());
        }
    }

    private boolean load(String folder) {
        try {
            Program program = Program.load(Path.of(folder));
            Program running = engine.program();
            if (!program.id().equals(running.id())) {
                // decisions name only the version, which another program may share: its decisions would pass for
                // the running program's
                LOG.error("program folder {} not loaded, program {} version {} keeps running: it holds program {},"
                        + " not {}; one topology runs one program, another program needs its own application"
                        + " (docs/scale-out.md, \"Program reload\")", folder, running.id(), running.version(),
                        program.id(), running.id());
                return false;
            }
            engine.reload(program);
            LOG.info("loaded program {} version {} from {}", program.id(), program.version(), folder);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("program folder {} not loaded, program {} version {} keeps running: {}", folder,
                    engine.program().id(), engine.program().version(), e.getMessage());
            return false;
        }
    }
}
