package io.patchbay.model.release;

import io.patchbay.model.PatchbayException;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A release version such as {@code 12.10.11}: one to four dot-separated numbers, compared numerically
 * ({@code 12.10.11 > 12.9.99}). Missing trailing parts count as zero, so {@code 12.10 == 12.10.0}.
 */
public record Version(int[] parts) implements Comparable<Version> {
    private static final Pattern FORM = Pattern.compile("\\d{1,9}(\\.\\d{1,9}){0,3}");

    public Version {
        if (parts.length == 0 || parts.length > 4) {
            throw new IllegalArgumentException("a version has one to four parts");
        }
        parts = parts.clone();
    }

    /** Parses {@code text}, or throws a {@link PatchbayException} that quotes it. */
    public static Version parse(String text) {
        if (text == null || !FORM.matcher(text.strip()).matches()) {
            throw new PatchbayException("not a version: '" + text + "' (expected numbers such as 12.10.11)");
        }
        return new Version(Arrays.stream(text.strip().split("\\.")).mapToInt(Integer::parseInt).toArray());
    }

    @Override
    public int[] parts() {
        return parts.clone();
    }

    @Override
    public int compareTo(Version other) {
        int n = Math.max(parts.length, other.parts.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(part(i), other.part(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    public boolean isNewerThan(Version other) {
        return compareTo(other) > 0;
    }

    public boolean isOlderThan(Version other) {
        return compareTo(other) < 0;
    }

    /** The first part: a change in it is a major upgrade. */
    public int major() {
        return parts[0];
    }

    private int part(int i) {
        return i < parts.length ? parts[i] : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        int n = parts.length;
        while (n > 1 && parts[n - 1] == 0) {
            n--;
        }
        return Arrays.hashCode(Arrays.copyOf(parts, n));
    }

    @Override
    public String toString() {
        return Arrays.stream(parts).mapToObj(Integer::toString).collect(Collectors.joining("."));
    }
}
