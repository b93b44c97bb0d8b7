package io.patchbay.agent.cli;

import io.patchbay.model.NotFoundException;
import io.patchbay.model.StoppedException;
import io.patchbay.model.TransientFailure;
import picocli.CommandLine;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * The code an error ends a command with, by its type, never by its words: what was named is not there (3), a
     * failure that may pass (4: a {@link TransientFailure} such as a full disk, or any error caused by the network),
     * work stopped before it was done (5), a bad command line (2); every other refusal is 1.
     */
    public static ExitCode of(Throwable e) {
        if (e instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        if (e instanceof NotFoundException) {
            return NOT_FOUND;
        }
        if (e instanceof StoppedException || e instanceof InterruptedException) {
            return INTERRUPTED;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientFailure || t instanceof SocketException || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                return TRANSIENT;
            }
        }
        return REFUSED;
    }

    /** The table as help and the README print it: "0  done". */
    public static Map<String, String> table() {
        Map<String, String> rows = new LinkedHashMap<>();
        for (ExitCode c : values()) {
            rows.put(Integer.toString(c.code), c.meaning);
        }
        return rows;
    }
}
