package io.patchbay.agent.upgrade;

import io.patchbay.agent.install.InstallLock;
import io.patchbay.agent.install.InstallOutcome;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.json.Json;
import io.patchbay.model.report.PatchState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static io.patchbay.agent.upgrade.UpgradeJournal.Stage;

/**
 * The one-shot self-upgrade process (see the package description). Started detached by {@link SelfUpgrade} from a
 * copy of the old distribution's jars; its log (SLF4J, standard error) goes to {@code self-upgrade/upgrade.log}.
 */
public final class Upgrader {
    private static final Logger LOG = LoggerFactory.getLogger(Upgrader.class);
    private final UpgradePlan plan;
    private final UpgradeFiles files;

    Upgrader(UpgradePlan plan) {
        this.plan = plan;
        this.files = new UpgradeFiles(plan.home());
    }

    public static void main(String[] args) throws Exception {
        UpgradePlan plan = Json.mapper().readValue(Path.of(args[0]).toFile(), UpgradePlan.class);
        InstallOutcome outcome = new Upgrader(plan).run();
        LOG.info("{}", outcome.summary());
        System.exit(0);
    }

    InstallOutcome run() throws IOException, InterruptedException {
        Instant start = Instant.now();
        InstallOutcome outcome;
        // The install lock keeps every other installation out, and tells the restarted agent that this patch is
        // still being installed (its start-up leaves an INSTALLING patch alone while the lock is held).
        try (InstallLock lock = InstallLock.acquire(plan.home(), Duration.ofMinutes(10),
                "self-upgrade of the agent to " + plan.version())) {
            outcome = upgrade(start);
        } catch (PatchbayException | IOException e) {
            outcome = outcome(start, PatchState.ROLLED_BACK, "prepare", "the upgrade did not start: " + e.getMessage());
            journal(Stage.FAILED, null, e.getMessage());
        }
        AtomicFiles.write(files.outcome(), Json.mapper().writeValueAsBytes(
                new UpgradeResult(plan.patchId(), plan.trigger(), outcome)));
        return outcome;
    }

    private InstallOutcome upgrade(Instant start) throws IOException, InterruptedException {
        AgentDistribution dist = new AgentDistribution(plan.distribution()).requireWhole("the agent's folder");
        DistributionSwap swap = new DistributionSwap(dist);
        journal(Stage.STARTED, null, "copying the new distribution into " + dist.dir().resolve(DistributionSwap.NEXT));
        swap.prepare(plan.payload());
        RunningAgent running = RunningAgent.find(plan.home()).orElseThrow(() ->
                new PatchbayException("no running agent of " + plan.home() + " to upgrade"));
        AgentService service = AgentService.of(running, dist, files);
        log("stopping the agent (pid " + running.pid() + (running.unit() == null ? "" : ", " + running.unit()) + ")");
        service.stop();
        journal(Stage.STOPPED, running.pid(), null);
        journal(Stage.SWAPPING, null, "old entries go to " + dist.dir().resolve(DistributionSwap.PREVIOUS));
        swap.swapIn();
        journal(Stage.SWAPPED, null, null);
        Instant newStart = Instant.now();
        service.start();
        journal(Stage.NEW_STARTED, null, null);
        AgentHealthProbe health = new AgentHealthProbe(files.health());
        if (health.await(plan.version(), newStart, plan.healthTimeout(), service::ended)) {
            journal(Stage.HEALTHY, null, "healthy after " + Duration.between(newStart, Instant.now()).toMillis() + " ms");
            return outcome(start, PatchState.INSTALLED, "health", null);
        }
        String why = service.ended() ? "the new agent " + plan.version() + " stopped before it reported healthy"
                : "the new agent " + plan.version() + " did not report healthy within " + plan.healthTimeout().toSeconds() + " s";
        log(why + "; restoring " + plan.oldVersion());
        journal(Stage.RESTORING, null, why);
        service.stop();
        swap.restore();
        Instant oldStart = Instant.now();
        service.start();
        if (health.await(plan.oldVersion(), oldStart, plan.healthTimeout(), service::ended)) {
            journal(Stage.ROLLED_BACK, null, why);
            return outcome(start, PatchState.ROLLED_BACK, "health", why);
        }
        String worse = why + "; the restored agent " + plan.oldVersion() + " did not report healthy either: see "
                + files.log() + " and " + files.agentOutput();
        journal(Stage.FAILED, null, worse);
        return outcome(start, PatchState.FAILED, "rollback", worse);
    }

    private InstallOutcome outcome(Instant start, PatchState state, String step, String reason) {
        return new InstallOutcome(0, plan.product(), plan.version(), state, step, reason, false, start, Instant.now());
    }

    private void journal(Stage stage, Long pid, String note) throws IOException {
        UpgradeJournal.write(files.journal(), stage, plan.version(), pid, note);
        log(stage + (note == null ? "" : ": " + note));
    }

    private static void log(String line) {
        LOG.info("{}", line);
    }
}
