package io.patchbay.model.report;

import java.time.Instant;

/**
 * The running agent's report on itself ({@code status/health.json}), rewritten when it starts and after every
 * tick. The workstation reads it with the patch reports to tell a healthy agent from a stopped or failing one;
 * the agent's self-upgrade reads it to know that the new agent came up.
 *
 * @param schema               format version, {@link StatusReports#SCHEMA}
 * @param agentVersion         the version of the running agent, as its build stamped it
 * @param startedAt            when this agent process started
 * @param lastTick             when its last tick ended without error; null before the first one. A failing
 *                             tick leaves it alone, so "ticking" means "working", not only "alive"
 * @param lastError            the latest error of this process with its time; null when none happened
 * @param homeFreeBytes        usable bytes on the file system of the agent home; null when it cannot be read
 * @param installRootFreeBytes usable bytes on the file system of the install root; null when it cannot be read
 * @param policyReadable       whether {@code policy.json} could be read and parsed at the last refresh
 * @param mail                 the state of e-mail notices
 * @param https                the state of the HTTPS endpoint
 */
public record AgentHealth(int schema, String agentVersion, Instant startedAt, Instant lastTick, LastError lastError,
                          Long homeFreeBytes, Long installRootFreeBytes, boolean policyReadable, Service mail,
                          Service https) {

    /** One error, one line, and when it happened. */
    public record LastError(String message, Instant at) {
    }

    /** A part of the agent that may be off, working or failing (e-mail, HTTPS). */
    public record Service(ServiceState state, String detail) {
        public static final Service OFF = new Service(ServiceState.OFF, null);

        public static Service ok(String detail) {
            return new Service(ServiceState.OK, detail);
        }

        public static Service failing(String detail) {
            return new Service(ServiceState.FAILING, detail);
        }

        /** e.g. "off", "ok (port 8443)", "failing: connection refused". */
        public String describe() {
            String word = state.name().toLowerCase(java.util.Locale.ROOT);
            if (detail == null) {
                return word;
            }
            return state == ServiceState.FAILING ? word + ": " + detail : word + " (" + detail + ")";
        }
    }

    public enum ServiceState { OFF, OK, FAILING }
}
