package io.patchbay.agent.install;

/**
 * Where an installation stands. The forward states run in order (design.md "Installing"); ROLLBACK undoes
 * whatever the forward states did; INSTALLED, ROLLED_BACK and FAILED are the outcomes.
 */
public enum InstallState {
    STAGED("stage"),
    PRE_INSTALL("pre-install"),
    BACKUP("backup"),
    APPLY("apply"),
    INSTALL_HOOK("install"),
    VERIFY_HOOK("verify"),
    POST_BACKUP("post-backup"),
    /** Persisting this state is the commit point: from here on the new state stands. */
    COMMIT("commit"),
    /** Past the commit: removes leftovers, runs the post-install hook; never undoes the install. Reported as "commit". */
    CLEANUP("commit"),
    ROLLBACK("rollback"),
    INSTALLED("installed"),
    ROLLED_BACK("rolled back"),
    /** A rollback failed or recovery kept failing: the site needs a person. */
    FAILED("failed");

    private final String step;

    InstallState(String step) {
        this.step = step;
    }

    /** The step's name in reports ({@code InstallationReport.step}) and reasons. */
    public String step() {
        return step;
    }

    public boolean isOutcome() {
        return this == INSTALLED || this == ROLLED_BACK || this == FAILED;
    }

    /** Parses a journal's state; null for a name this version does not know (the caller rolls back). */
    static InstallState fromJournal(String name) {
        for (InstallState s : values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
