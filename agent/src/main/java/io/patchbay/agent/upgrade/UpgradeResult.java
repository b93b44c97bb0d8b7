package io.patchbay.agent.upgrade;

import io.patchbay.agent.install.InstallOutcome;

/** The upgrader's outcome for the agent's registry, written to {@code self-upgrade/outcome.json}. */
public record UpgradeResult(String patchId, String trigger, InstallOutcome outcome) {
}
