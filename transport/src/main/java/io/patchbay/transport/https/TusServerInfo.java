package io.patchbay.transport.https;

import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a tus server said about itself in answer to OPTIONS.
 *
 * @param versions           {@code Tus-Version}, most preferred first
 * @param extensions         {@code Tus-Extension}, lower case
 * @param checksumAlgorithms {@code Tus-Checksum-Algorithm}, lower case
 * @param maxSize            {@code Tus-Max-Size}, when the server announced one
 */
public record TusServerInfo(List<String> versions, Set<String> extensions, Set<String> checksumAlgorithms,
                            OptionalLong maxSize) {
    public static final String TUS_VERSION = "1.0.0";

    /** Strongest first; sha1 is the one the checksum extension requires every server to support. */
    private static final List<String> PREFERRED_CHECKSUMS = List.of("sha512", "sha384", "sha256", "sha1");

    public TusServerInfo {
        versions = List.copyOf(versions);
        extensions = Set.copyOf(extensions);
        checksumAlgorithms = Set.copyOf(checksumAlgorithms);
    }

    public boolean supportsTus1() {
        return versions.isEmpty() || versions.contains(TUS_VERSION);
    }

    public boolean supportsCreation() {
        return extensions.contains("creation");
    }

    /** The strongest algorithm both sides support, or null when the server has no checksum extension. */
    public String strongestChecksum() {
        if (!extensions.contains("checksum")) {
            return null;
        }
        for (String algorithm : PREFERRED_CHECKSUMS) {
            if (checksumAlgorithms.contains(algorithm)) {
                return algorithm;
            }
        }
        return null;
    }

    /** The JDK's name of a tus checksum algorithm ({@code sha256} -> {@code SHA-256}). */
    static String jdkDigestName(String tusAlgorithm) {
        String a = tusAlgorithm.toLowerCase(Locale.ROOT);
        return a.equals("sha1") ? "SHA-1" : "SHA-" + a.substring(3);
    }
}
