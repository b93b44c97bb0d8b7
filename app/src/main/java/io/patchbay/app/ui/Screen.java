package io.patchbay.app.ui;

/** The client's screens, in sidebar order; Ctrl+1..6 follow this order. */
public enum Screen {
    RELEASES("Releases", "Releases of each product and the kit-builder wizard: pick artifacts, write the "
            + "manifest and release notes, sign and build the kit, then start a rollout."),
    SITES("Sites", "The registered sites with their endpoint (SFTP or HTTPS), ring, channel, time zone "
            + "and policy; add and edit sites and test a connection before pinning its host key."),
    MATRIX("Matrix", "Sites down, releases across: where every release stands on every site."),
    ROLLOUT("Rollout", "Start a rollout in waves by ring with a daily quota; pause, resume or pull a "
            + "release; progress over time and state totals."),
    REPORTS("Reports", "Reports per release and per site, exported as HTML and CSV, and the event log "
            + "with filters."),
    SITE_CONSOLE("Site console", "The operator's screen on a site: open an agent home, list its patches "
            + "with state, checks and release notes; install now, schedule, postpone or roll back.");

    private final String title;
    private final String purpose;

    Screen(String title, String purpose) {
        this.title = title;
        this.purpose = purpose;
    }

    public String title() {
        return title;
    }

    /** What the screen is for, in one or two sentences. */
    public String purpose() {
        return purpose;
    }

    /** 1-based position, the digit of its shortcut. */
    public int number() {
        return ordinal() + 1;
    }

    /** The id of nodes that belong to this screen, e.g. "site-console". */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
