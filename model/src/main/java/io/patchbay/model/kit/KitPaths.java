package io.patchbay.model.kit;

import java.util.regex.Pattern;

/**
 * The rules for names inside a kit (and for {@code remove} paths in a manifest): relative,
 * '/'-separated, no "." or ".." segments, no backslashes, no drive letters, no control characters.
 * One function so the builder, the manifest and the verifier cannot drift apart.
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
}
