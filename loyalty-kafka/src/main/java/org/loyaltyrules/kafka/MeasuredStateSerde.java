package org.loyaltyrules.kafka;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.loyaltyrules.core.member.MemberState;

/**
 * The member store's serde: {@link MemberStateSerde}'s bytes, which the processor measures before it stores a state
 * (a state too large for one changelog record is not stored, {@link MemberProcessor}). The store's serializer, which
 * the put that follows calls on the same thread, hands back the bytes just measured instead of writing the state a
 * second time: a large state takes long to write. Any other state is written as {@link MemberStateSerde} writes it.
 * Thread-safe: one instance serves the stores of every task and stream thread, each thread with its own last
 * measure.
 */
final class MeasuredStateSerde implements Serde<MemberState> {

    private final ThreadLocal<Measured> last = new ThreadLocal<>();

    private record Measured(MemberState state, byte[] bytes) {
    }

    /** The stored bytes of {@code state}, kept for the store's next write on this thread. */
    byte[] measure(MemberState state) {
        byte[] bytes = MemberStateSerde.write(state);
        last.set(new Measured(state, bytes));
        return bytes;
    }

    /** Drops the last measure (of a state that will not be stored), so that it holds no memory. */
    void forget() {
        last.remove();
    }

    @Override
    public Serializer<MemberState> serializer() {
        return (topic, state) -> {
            Measured measured = last.get();
            last.remove();
            if (measured != null && measured.state() == state) {
                return measured.bytes(); // the same instance, so the same bytes: states are immutable
            }
            return state == null ? null : MemberStateSerde.write(state);
        };
    }

    @Override
    public Deserializer<MemberState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : MemberStateSerde.read(bytes);
    }
}
