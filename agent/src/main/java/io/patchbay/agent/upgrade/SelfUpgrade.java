package io.patchbay.agent.upgrade;

import io.patchbay.agent.install.FileOps;
import io.patchbay.agent.install.InstallLauncher;
import io.patchbay.agent.install.InstallOutcome;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.json.Json;
import io.patchbay.model.report.PatchState;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The agent's side of a self-upgrade: starts the detached {@link Upgrader} for a due kit of the product
 * {@value #PRODUCT}, and hands its outcome back to the registry once it has written it.
 */
public final class SelfUpgrade {
    /** The product name of the agent's own kits. */
    public static final String PRODUCT = "patchbay-agent";
    /** Seconds the new agent has to report healthy (default 120); a test shortens it. */
    public static final String HEALTH_TIMEOUT_PROPERTY = "patchbay.agent.upgrade.health-seconds";

    private final UpgradeFiles files;

    public SelfUpgrade(Path home) {
        this.files = new UpgradeFiles(home);
    }

    public static boolean handles(String product) {
        return PRODUCT.equalsIgnoreCase(product);
    }

    /**
     * Starts the upgrader and returns at once with an INSTALLING outcome: the upgrader stops this agent, and the
     * agent that runs afterwards records the result ({@link #collect}).
     *
     * @throws PatchbayException when the upgrade cannot start (not run from a distribution, no running daemon,
     *                           a payload that is not a distribution); nothing was changed then
     */
    public InstallOutcome start(String patchId, String trigger, String version, String runningVersion, Path payload) {
        AgentDistribution dist = AgentDistribution.running().orElseThrow(() -> new PatchbayException(
                "the agent upgrades itself only when it runs from its own distribution (bin/patchbay-agent)"))
                .requireWhole("the running agent's folder");
        new AgentDistribution(payload).requireWhole("the kit's payload");
        if (RunningAgent.find(files.home()).isEmpty()) {
            throw new PatchbayException("the agent upgrades itself only while 'agent run' runs on " + files.home());
        }
        Instant now = Instant.now();
        UpgradePlan plan = new UpgradePlan(patchId, trigger, PRODUCT, version, runningVersion, files.home(),
                payload.toAbsolutePath(), dist.dir(), healthTimeout(), now);
        try {
            Files.deleteIfExists(files.outcome());
            // The upgrader runs from a copy of today's jars: the swap moves lib/ away under it otherwise.
            FileOps.deleteTree(files.runner());
            FileOps.copyTree(dist.lib(), files.runner().resolve("lib"));
            AtomicFiles.write(files.plan(), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(plan));
            Detached.start(List.of(InstallLauncher.javaBinary(), "-Xmx128m", "-cp",
                    files.runner().resolve("lib") + File.separator + "*", Upgrader.class.getName(), files.plan().toString()),
                    files.log());
        } catch (IOException e) {
            throw new PatchbayException("cannot start the agent's self-upgrade: " + e.getMessage(), e);
        }
        return new InstallOutcome(0, PRODUCT, version, PatchState.INSTALLING, "upgrade",
                "the agent is upgrading itself (see " + files.log() + ")", false, now, null);
    }

    /** The upgrader's outcome, once: the file is removed after it was read. */
    public Optional<UpgradeResult> collect() {
        Path file = files.outcome();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            UpgradeResult r = Json.mapper().readValue(file.toFile(), UpgradeResult.class);
            Files.delete(file);
            return Optional.of(r);
        } catch (IOException e) {
            throw new PatchbayException("cannot read the self-upgrade's outcome " + file + ": " + e.getMessage(), e);
        }
    }

    private static Duration healthTimeout() {
        return Duration.ofSeconds(Long.getLong(HEALTH_TIMEOUT_PROPERTY, 120));
    }
}
