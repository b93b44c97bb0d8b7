package io.patchbay.agent.cli;

import io.patchbay.agent.run.Agent;
import picocli.CommandLine;

/** The version Maven stamped into the agent's jar; "development build" only when run from classes. */
public final class AgentVersion implements CommandLine.IVersionProvider {
    /** This agent's version, as it reports it in health and status reports. */
    public static String current() {
        return Agent.agentVersion();
    }

    @Override
    public String[] getVersion() {
        return new String[]{"patchbay-agent " + current()};
    }
}
