package io.patchbay.agent.upgrade;

import io.patchbay.agent.install.InstallLock;
import io.patchbay.agent.install.InstallOutcome;
import io.patchbay.agent.install.StepProbe;
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
    /** The second argument that resumes a killed upgrader from its journal instead of starting an upgrade. */
    static final String RESUME = "--resume";
    /** A crash test names a step here (a journal stage, or a swap's step): the upgrader stops there to be killed. */
    static final String PAUSE_AT = "patchbay.upgrade.pauseAt";
    /**
     * The same, as an environment variable: the agent passes its environment on to the upgrader it starts, so an
     * end-to-end test can pause the upgrader of a real agent.
     */
    public static final String PAUSE_AT_ENV = "PATCHBAY_TEST_UPGRADE_PAUSE_AT";

    private final UpgradePlan plan;
    private final UpgradeFiles files;
    private final StepProbe probe;

    Upgrader(UpgradePlan plan) {
        this.plan = plan;
        this.files = new UpgradeFiles(plan.home());
        this.probe = StepProbe.pausingAt(System.getProperty(PAUSE_AT, System.getenv(PAUSE_AT_ENV)),
                files.dir().resolve(StepProbe.PAUSED_FILE));
    }

    /** {@code Upgrader PLAN [--resume]}. */
    public static void main(String[] args) throws Exception {
        UpgradePlan plan = Json.mapper().readValue(Path.of(args[0]).toFile(), UpgradePlan.class);
        Upgrader upgrader = new Upgrader(plan);
        InstallOutcome outcome = args.length > 1 && RESUME.equals(args[1]) ? upgrader.resume() : upgrader.run();
        LOG.info("{}", outcome.summary());
        System.exit(0);
    }

    /**
     * Finishes what a killed upgrader left, from its journal: an upgrade that had reported healthy stands; one killed
     * before it stopped the agent changed nothing; anything between (stopped, half-swapped, swapped, new agent not
     * yet healthy, half-restored) is rolled back to the old distribution, which is started again. Writes the outcome
     * for the agent's registry (again, if the killed upgrader had written it: the agent records an outcome once).
     */
    InstallOutcome resume() throws IOException, InterruptedException {
        UpgradeJournal journal = UpgradeJournal.read(files.journal()).orElseThrow(() ->
                new PatchbayException("no self-upgrade journal in " + files.dir() + ": nothing to resume"));
        Instant start = Instant.now();
        InstallOutcome outcome;
        log("resuming the self-upgrade to " + plan.version() + " killed at " + journal.stage());
        try (InstallLock lock = InstallLock.acquire(plan.home(), Duration.ofMinutes(10),
                "resuming the self-upgrade of the agent to " + plan.version())) {
            outcome = resumeFrom(journal, start);
        }
        writeOutcome(outcome);
        return outcome;
    }

    private InstallOutcome resumeFrom(UpgradeJournal journal, Instant start) throws IOException, InterruptedException {
        AgentDistribution dist = new AgentDistribution(plan.distribution());
        DistributionSwap swap = new DistributionSwap(dist, probe);
        switch (journal.stage()) {
            case HEALTHY:
                return outcome(start, PatchState.INSTALLED, "health", null);
            case ROLLED_BACK:
                return outcome(start, PatchState.ROLLED_BACK, "health", journal.note());
            case FAILED:
                return outcome(start, PatchState.FAILED, "rollback", journal.note());
            case STARTED: {
                String why = "the self-upgrade to " + plan.version() + " was interrupted before it stopped the agent;"
                        + " nothing was changed";
                swap.discardNext();
                journal(Stage.ROLLED_BACK, null, why);
                return outcome(start, PatchState.ROLLED_BACK, "prepare", why);
            }
            default: {
                // Whether the new agent would have been healthy is not known: the old distribution comes back.
                String why = "the self-upgrade to " + plan.version() + " was interrupted at " + journal.stage()
                        + "; " + plan.oldVersion() + " was put back";
                journal(Stage.RESTORING, null, why);
                AgentService service = AgentService.of(RunningAgent.find(plan.home())
                        .or(() -> RunningAgent.last(plan.home())).orElse(RunningAgent.NONE), dist, files);
                service.stop();
                swap.restore();
                swap.discardNext();
                return startOld(service, start, why);
            }
        }
    }

    InstallOutcome run() throws IOException, InterruptedException {
        Instant start = Instant.now();
        InstallOutcome outcome;
        // The install lock keeps every other installation out, and tells the restarted agent that this patch is
        // still being installed (its start-up leaves an INSTALLING patch alone while the lock is held).
        try (InstallLock lock = InstallLock.acquire(plan.home(), Duration.ofMinutes(10),
                "self-upgrade of the agent to " + plan.version())) {
            try {
                outcome = upgrade(start);
            } catch (PatchbayException | IOException e) {
                UpgradeJournal at = UpgradeJournal.read(files.journal()).orElse(null);
                if (at == null || at.stage() == Stage.STARTED || at.stage().finished()) {
                    throw e; // the agent was not stopped: nothing to undo
                }
                // Failed once the agent was stopped (a swap step, a start): as a resume, back to the old distribution.
                log("the upgrade failed at " + at.stage() + ": " + e.getMessage());
                outcome = resumeFrom(at, start);
            }
        } catch (PatchbayException | IOException e) {
            outcome = outcome(start, PatchState.ROLLED_BACK, "prepare", "the upgrade did not start: " + e.getMessage());
            journal(Stage.FAILED, null, e.getMessage());
        }
        writeOutcome(outcome);
        return outcome;
    }

    private void writeOutcome(InstallOutcome outcome) throws IOException {
        AtomicFiles.write(files.outcome(), Json.mapper().writeValueAsBytes(
                new UpgradeResult(plan.patchId(), plan.trigger(), outcome)));
    }

    private InstallOutcome upgrade(Instant start) throws IOException, InterruptedException {
        AgentDistribution dist = new AgentDistribution(plan.distribution()).requireWhole("the agent's folder");
        DistributionSwap swap = new DistributionSwap(dist, probe);
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
        return startOld(service, start, why);
    }

    /** Starts the restored old distribution and waits for its health. */
    private InstallOutcome startOld(AgentService service, Instant start, String why)
            throws IOException, InterruptedException {
        Instant oldStart = Instant.now();
        service.start();
        if (new AgentHealthProbe(files.health()).await(plan.oldVersion(), oldStart, plan.healthTimeout(), service::ended)) {
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
        probe.reached(stage.name());
    }

    private static void log(String line) {
        LOG.info("{}", line);
    }
}
