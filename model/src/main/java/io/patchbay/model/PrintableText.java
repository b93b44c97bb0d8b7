package io.patchbay.model;

/** Untrusted text made safe to quote in a one-line message: control characters (line breaks too) escaped. */
public final class PrintableText {
    private PrintableText() {
    }

    public static String of(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
