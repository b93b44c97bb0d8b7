package io.patchbay.agent.cli;

/**
 * The one exit-code table of both launchers ({@code patchbay} and {@code patchbay-agent}). Scripts branch on
 * these numbers, so they never change meaning; the help and the README print this same table.
 */
public enum ExitCode {
    DONE(0, "done"),
    REFUSED(1, "refused or failed: the input is wrong, or the work failed for good"),
    USAGE(2, "usage: an unknown command or option, or a bad option value"),
    NOT_FOUND(3, "not found: no such workspace, release, site, rollout or file"),
    TRANSIENT(4, "unreachable or transient: a site, the database or this machine failed; trying again may succeed"),
    INTERRUPTED(5, "interrupted or timed out with work left");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
