package io.patchbay.agent.cli;

import picocli.CommandLine;

/** The version Maven stamped into the agent's jar; "development build" only when run from classes. */
public final class AgentVersion implements CommandLine.IVersionProvider {
    /** This agent's version, as it reports it in health and status reports. */
    public static String current() {
        String v = AgentVersion.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[]{"patchbay-agent " + current()};
    }
}
