package io.patchbay.model.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A rollout's own clock: it starts at {@code startedAt} and stands still while the rollout is paused,
 * so quota days are counted in running time and resuming continues where the pause stopped it.
 *
 * @param startedAt when the rollout started
 * @param pauses    its pauses, oldest first, not overlapping; the last may still be open
 */
public record RolloutClock(Instant startedAt, List<Pause> pauses) {
    public RolloutClock {
        pauses = pauses == null ? List.of() : List.copyOf(pauses);
    }

    public static RolloutClock startedAt(Instant startedAt) {
        return new RolloutClock(startedAt, List.of());
    }

    public boolean pausedAt(Instant now) {
        return pauses.stream().anyMatch(p -> !now.isBefore(p.from()) && (p.to() == null || now.isBefore(p.to())));
    }

    /** The rollout's time at real instant {@code t}: {@code t} minus the time paused before it. */
    public Instant running(Instant t) {
        Duration paused = Duration.ZERO;
        for (Pause p : pauses) {
            Instant end = p.to() == null || p.to().isAfter(t) ? t : p.to();
            if (end.isAfter(p.from())) {
                paused = paused.plus(Duration.between(p.from(), end));
            }
        }
        return t.minus(paused);
    }

    /** The real instant the rollout's clock reaches {@code running}, if it keeps running from {@code now}. */
    Instant real(Instant running, Instant now) {
        return now.plus(Duration.between(running(now), running));
    }
}
