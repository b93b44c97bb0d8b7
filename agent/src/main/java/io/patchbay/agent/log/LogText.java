package io.patchbay.agent.log;

/**
 * Makes text from outside (a request's path, a header, a file name, a reason quoting a kit) safe for one log
 * line: control characters (CR, LF, TAB, ESC, DEL, C1 and the Unicode line and paragraph separators) are
 * written as {@code \r}, {@code \n}, {@code \t} or {@code \}{@code uXXXX}, a backslash as two, so a client
 * cannot forge a log line or move a terminal's cursor. Long values are cut, saying how much was dropped.
 */
public final class LogText {
    static final int MAX_CHARS = 300;

    private LogText() {
    }

    /** {@code value} escaped for a log line; {@code "-"} for null. */
    public static String escape(Object value) {
        if (value == null) {
            return "-";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 16);
        int end = Math.min(text.length(), MAX_CHARS);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > end) {
            out.append("...(").append(text.length() - end).append(" more)");
        }
        return out.toString();
    }
}
