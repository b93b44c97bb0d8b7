package io.patchbay.agent.upgrade;

import io.patchbay.agent.install.FileOps;
import io.patchbay.agent.install.InstallLauncher;
import io.patchbay.agent.install.InstallLock;
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
import java.util.ArrayList;
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
        if (interrupted().isPresent()) {
            throw new PatchbayException("an interrupted self-upgrade is unfinished (see " + files.journal()
                    + "): it is resumed when the agent starts");
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
            Detached.start(upgrader(), files.log());
        } catch (IOException e) {
            throw new PatchbayException("cannot start the agent's self-upgrade: " + e.getMessage(), e);
        }
        return new InstallOutcome(0, PRODUCT, version, PatchState.INSTALLING, "upgrade",
                "the agent is upgrading itself (see " + files.log() + ")", false, now, null);
    }

    /**
     * At the agent's start: a self-upgrade whose upgrader was killed halfway (its journal unfinished, no live process
     * holding the install lock) is resumed by a new upgrader, detached as the first was, which finishes it or rolls
     * it back (see {@link Upgrader#resume}). True when one was started.
     */
    public boolean resumeIfInterrupted() {
        Optional<UpgradeJournal> journal = interrupted();
        if (journal.isEmpty() || !Files.isRegularFile(files.plan())) {
            return false;
        }
        boolean upgraderAlive = InstallLock.holder(files.home())
                .flatMap(h -> ProcessHandle.of(h.pid())).filter(ProcessHandle::isAlive).isPresent();
        if (upgraderAlive) {
            return false; // it is still at work: the new agent it started is waited for
        }
        try {
            Detached.start(upgrader(Upgrader.RESUME), files.log());
        } catch (IOException e) {
            throw new PatchbayException("cannot resume the interrupted self-upgrade: " + e.getMessage(), e);
        }
        return true;
    }

    /** The journal of an upgrader that did not get to its end. */
    private Optional<UpgradeJournal> interrupted() {
        return UpgradeJournal.read(files.journal()).filter(j -> !j.stage().finished());
    }

    /** The upgrader's command: it runs from the copy of the old jars, which no swap moves. */
    private List<String> upgrader(String... more) {
        List<String> command = new ArrayList<>(List.of(InstallLauncher.javaBinary(), "-Xmx128m", "-cp",
                files.runner().resolve("lib") + File.separator + "*", Upgrader.class.getName(), files.plan().toString()));
        command.addAll(List.of(more));
        return command;
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
