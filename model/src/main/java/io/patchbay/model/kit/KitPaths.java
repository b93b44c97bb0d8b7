package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules for names inside a kit (and for {@code remove} paths in a manifest): relative,
 * '/'-separated, no "." or ".." segments, no backslashes, no drive letters, no control characters and no
 * invisible Unicode format characters (a right-to-left override or a zero-width space makes a name read
 * as another); and no two names of a kit that one file system could take for the same file. One place so
 * the builder, the manifest and the verifier cannot drift apart.
 */
public final class KitPaths {
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private KitPaths() {
    }

    /** Why {@code name} is not a safe relative path, or null when it is. */
    public static String problem(String name) {
        if (name.isEmpty()) {
            return "an empty name";
        }
        if (name.startsWith("/")) {
            return "an absolute path";
        }
        if (name.indexOf('\\') >= 0) {
            return "a backslash";
        }
        if (DRIVE.matcher(name).matches()) {
            return "a drive letter";
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return "a control character";
            }
            if (Character.getType(name.charAt(i)) == Character.FORMAT) {
                return String.format("an invisible format character (U+%04X)", (int) name.charAt(i));
            }
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..")) {
                return "a '..' segment";
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return "an empty or '.' segment";
            }
        }
        return null;
    }

    /**
     * Refuses two names that a case-insensitive or normalising file system (macOS, Windows, some NAS shares)
     * would store as one file, so that one would silently replace the other after verification:
     * {@code payload/bin/app.txt} and {@code payload/bin/APP.txt}, or one name in NFC and in NFD form.
     */
    public static void refuseCollisions(Iterable<String> names) {
        Map<String, String> seen = new HashMap<>();
        for (String name : names) {
            String other = seen.putIfAbsent(sameFileKey(name), name);
            if (other != null && !other.equals(name)) {
                throw new PatchbayException("entries '" + other + "' and '" + name + "' name the same file on a "
                        + "case-insensitive or normalising file system");
            }
        }
    }

    /** The name as a file system that ignores case and Unicode normalisation sees it. */
    static String sameFileKey(String name) {
        String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
        // Upper then lower folds what lower case alone misses (e.g. 'ß' and "SS", the Kelvin sign and 'k').
        return Normalizer.normalize(nfc.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
    }
}
