package io.patchbay.model.backup;

import java.util.List;

/**
 * How a post-install state differs from its release's signed checksum list. Paths are state paths,
 * {@code install/<path>} or {@code data/<path>}, sorted.
 *
 * @param identical how many files are exactly as the release has them
 * @param changed   files whose bytes differ from the signed checksum
 * @param missing   files the release has and the state lacks
 * @param extra     files in the state the release does not have
 */
public record StateDifferences(int identical, List<String> changed, List<String> missing, List<String> extra) {
    public StateDifferences {
        changed = List.copyOf(changed);
        missing = List.copyOf(missing);
        extra = List.copyOf(extra);
    }

    /** True when every file is as released and nothing is missing or extra. */
    public boolean none() {
        return changed.isEmpty() && missing.isEmpty() && extra.isEmpty();
    }
}
