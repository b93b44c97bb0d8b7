package io.patchbay.app.ui;

/** Counts in words a person reads: "1 release", "2 releases", "1,234 sites". */
public final class Words {
    private Words() {
    }

    /** The count with the noun, plural unless the count is one; {@code noun} takes an "s" to be plural. */
    public static String count(long n, String noun) {
        return String.format("%,d %s", n, n == 1 ? noun : noun + "s");
    }
}
