package io.patchbay.model.kit;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * For {@link DeltaBuilder}: the base file a new path of the release most likely replaces, so that it can travel as a
 * patch against it instead of whole. Distributions name their jars by version ({@code lib/maven-core-3.9.15.jar}
 * becomes {@code lib/maven-core-3.9.16.jar}): a payload file the base has and the release dropped, in the same folder,
 * whose name is the same once every version number in it is blanked out, is its namesake. The choice only saves
 * bytes; the site checks the base file it reads like any other, and the result against the release's checksum.
 */
final class Namesakes {
    /** A version number: digits, dot-separated digit groups after them ({@code 3.9.16}, {@code 33}, {@code 2.0}). */
    private static final Pattern VERSION = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    /** The base's dropped payload files by stem; each list in name order, so the choice is deterministic. */
    private final Map<String, List<ChecksumList.Line>> dropped = new HashMap<>();

    Namesakes(Collection<ChecksumList.Line> base, Map<String, ChecksumList.Line> release) {
        base.stream()
                .filter(l -> l.name().startsWith(KitLayout.PAYLOAD) && !release.containsKey(l.name())
                        && l.size() <= DeltaPatch.MAX_FILE)
                .sorted(Comparator.comparing(ChecksumList.Line::name))
                .forEach(l -> dropped.computeIfAbsent(stem(l.name()), k -> new java.util.ArrayList<>()).add(l));
    }

    /** The dropped base file with {@code line}'s stem closest to it in size (then first by name), if any. */
    Optional<ChecksumList.Line> of(ChecksumList.Line line) {
        if (!line.name().startsWith(KitLayout.PAYLOAD) || line.size() > DeltaPatch.MAX_FILE) {
            return Optional.empty();
        }
        return dropped.getOrDefault(stem(line.name()), List.of()).stream()
                .min(Comparator.comparingLong((ChecksumList.Line l) -> Math.abs(l.size() - line.size())));
    }

    /** {@code name} with every version number in its last segment blanked: {@code payload/lib/maven-core-#.jar}. */
    static String stem(String name) {
        int slash = name.lastIndexOf('/');
        return name.substring(0, slash + 1) + VERSION.matcher(name.substring(slash + 1)).replaceAll("#");
    }
}
