package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A delta kit's {@code delta/patched-from}: for each new file of the release patched against a base file at another
 * path (a jar renamed by its version, {@code payload/lib/foo-3.9.16.jar} from {@code payload/lib/foo-3.9.15.jar}),
 * that base path. One line per file, {@code NEW<TAB>BASE}, sorted by {@code NEW}, UTF-8, LF; absent when every patch
 * reads the base file at its own path. A kit name holds no control character ({@link KitPaths}), so a tab cannot be
 * part of one. Signed like every entry: its line in the checksum list.
 *
 * @param bases the base path of each file patched from another path, by the file's name
 */
public record PatchedFrom(Map<String, String> bases) {
    public static final PatchedFrom NONE = new PatchedFrom(Map.of());

    public PatchedFrom {
        bases = Collections.unmodifiableMap(new TreeMap<>(bases));
    }

    /** The base file a patch for {@code name} reads: the one named here, or the same path. */
    public String source(String name) {
        return bases.getOrDefault(name, name);
    }

    public boolean isEmpty() {
        return bases.isEmpty();
    }

    public byte[] toBytes() {
        StringBuilder text = new StringBuilder();
        bases.forEach((name, base) -> text.append(name).append('\t').append(base).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads the list as the delta carries it, refusing anything but the form {@link #toBytes} writes. */
    public static PatchedFrom parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new PatchbayException(KitLayout.DELTA_PATCHED_FROM + " does not end with a line break");
        }
        Map<String, String> bases = new TreeMap<>();
        String last = null;
        for (String line : text.isEmpty() ? new String[0] : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue; // after the last line break
            }
            String[] parts = line.split("\t", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new PatchbayException(KitLayout.DELTA_PATCHED_FROM + " has a line that is not NEW<tab>BASE");
            }
            if (last != null && last.compareTo(parts[0]) >= 0) {
                throw new PatchbayException(KitLayout.DELTA_PATCHED_FROM + " is not sorted by name, once each ("
                        + parts[0] + ")");
            }
            last = parts[0];
            bases.put(parts[0], parts[1]);
        }
        return new PatchedFrom(bases);
    }
}
