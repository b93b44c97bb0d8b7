package io.patchbay.model.rollout;

import io.patchbay.model.PatchbayException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Fixes every site's place in a rollout when it starts: rings in the rollout's order; within a ring,
 * sites sorted by name and then shuffled with the rollout's stored seed. {@link Random}'s algorithm is
 * specified by the JDK, so the same targets and seed give the same order on any machine and after any
 * restart: the outbox worker recomputes it instead of storing it.
 */
public final class RolloutOrder {
    private RolloutOrder() {
    }

    public static List<Target> fix(List<Target> targets, List<String> rings, long seed) {
        List<Target> ordered = new ArrayList<>(targets.size());
        for (Target t : targets) {
            if (!rings.contains(t.ring())) {
                throw new PatchbayException("site '" + t.site() + "' is in ring '" + t.ring()
                        + "', which is not one of this rollout's rings " + rings);
            }
        }
        Random random = new Random(seed);
        for (String ring : rings) {
            List<Target> inRing = new ArrayList<>(targets.stream().filter(t -> t.ring().equals(ring))
                    .sorted(Comparator.comparing(Target::site)).toList());
            Collections.shuffle(inRing, random);
            ordered.addAll(inRing);
        }
        return List.copyOf(ordered);
    }
}
