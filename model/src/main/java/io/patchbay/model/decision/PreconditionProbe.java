package io.patchbay.model.decision;

/**
 * Runs the site's precondition command (e.g. "no suspended transactions"). The agent's implementation
 * starts a process with a timeout; the decision calls it only when every earlier check passed, since
 * it may be slow.
 */
@FunctionalInterface
public interface PreconditionProbe {
    Result run(String command);

    /** @param ok the command succeeded; @param detail one line for the status row (exit code, last output line) */
    record Result(boolean ok, String detail) {
        public static Result passed() {
            return new Result(true, "exit 0");
        }

        public static Result failed(String detail) {
            return new Result(false, detail);
        }
    }

    /** For callers that know no precondition is configured. */
    PreconditionProbe NONE = command -> {
        throw new IllegalStateException("no precondition probe was given, yet the policy has one: " + command);
    };
}
