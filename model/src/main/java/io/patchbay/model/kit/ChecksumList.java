package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kit's {@value KitLayout#CHECKSUMS}: one line per entry, sorted by name, in the form
 * {@code <sha256 hex> <size> <octal mode> <name>\n}, e.g.
 * {@code 9f86...0f00 1024 100644 payload/lib/app.jar}. The mode is listed so the signature also
 * covers which files are executable.
 */
public record ChecksumList(List<Line> lines) {
    /** At most this many bytes are read: 65,534 lines with long names fit. */
    public static final int MAX_BYTES = 16 << 20;
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) (0|[1-9][0-9]{0,18}) ([0-7]{6}) (.+)");

    public record Line(String name, String sha256, long size, int mode) {
    }

    public ChecksumList {
        lines = lines.stream().sorted(Comparator.comparing(Line::name)).toList();
    }

    public Map<String, Line> byName() {
        Map<String, Line> map = new LinkedHashMap<>();
        lines.forEach(l -> map.put(l.name(), l));
        return map;
    }

    public byte[] toBytes() {
        StringBuilder out = new StringBuilder();
        for (Line l : lines) {
            out.append(l.sha256()).append(' ').append(l.size()).append(' ')
                    .append(String.format("%06o", l.mode())).append(' ').append(l.name()).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The {@value KitLayout#SHA256SUMS} listing of these lines: what {@code sha256sum -c} checks. Kit names hold no
     * backslash or line break (see {@link KitPaths}), so no name needs sha256sum's escaping.
     */
    public byte[] toSha256sums() {
        StringBuilder out = new StringBuilder();
        for (Line l : lines) {
            if (!l.name().equals(KitLayout.SHA256SUMS)) {
                out.append(l.sha256()).append("  ").append(l.name()).append('\n');
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes the {@value KitLayout#SHA256SUMS} line for an entry takes, known before its hash is. */
    public static long sha256sumsLineLength(String name) {
        return 64 + 2 + name.getBytes(StandardCharsets.UTF_8).length + 1;
    }

    /** Bytes the line for an entry takes, known before its hash is: lets the builder plan the layout. */
    public static long lineLength(String name, long size) {
        return 64 + 1 + Long.toString(size).length() + 1 + 6 + 1 + name.getBytes(StandardCharsets.UTF_8).length + 1;
    }

    public static ChecksumList parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new PatchbayException(KitLayout.CHECKSUMS + " does not end with a newline");
        }
        List<Line> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String previous = null;
        int number = 0;
        for (String line : text.split("\n")) {
            number++;
            if (line.isEmpty() && text.isEmpty()) {
                break;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new PatchbayException(KitLayout.CHECKSUMS + " line " + number + " is malformed");
            }
            String name = m.group(4);
            if (!seen.add(name)) {
                throw new PatchbayException(KitLayout.CHECKSUMS + " lists " + name + " twice");
            }
            if (previous != null && previous.compareTo(name) > 0) {
                throw new PatchbayException(KitLayout.CHECKSUMS + " is not sorted at line " + number);
            }
            previous = name;
            lines.add(new Line(name, m.group(1), Long.parseLong(m.group(2)), Integer.parseInt(m.group(3), 8)));
        }
        return new ChecksumList(lines);
    }
}
