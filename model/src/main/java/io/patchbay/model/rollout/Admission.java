package io.patchbay.model.rollout;

import java.time.Instant;
import java.util.List;

/**
 * Which targets a rollout admits now: always the first {@code admitted.size()} of its fixed order.
 *
 * @param admitted        the targets that may be delivered to now (earlier admissions included)
 * @param nextAdmissionAt when the next target is admitted, if the rollout keeps running; null when
 *                        every target is admitted, the rollout is paused, or it waits for a ring
 * @param waitingFor      why nothing more is admitted now, one line; null when every target is admitted
 */
public record Admission(List<Target> admitted, Instant nextAdmissionAt, String waitingFor) {
    public Admission {
        admitted = List.copyOf(admitted);
    }

    public int count() {
        return admitted.size();
    }

    /** Whether the target at {@code position} (0-based, in the fixed order) may be delivered to now. */
    public boolean admits(int position) {
        return position < admitted.size();
    }
}
