package io.patchbay.app.cli;

import io.patchbay.model.delivery.RetryBackoff;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.DeliveryKind;
import io.patchbay.model.workspace.DeliveryState;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.outbox.DeliveryWorker;
import io.patchbay.transport.outbox.Pushers;
import io.patchbay.transport.outbox.WorkerSettings;
import io.patchbay.transport.sftp.SftpPusher;
import io.patchbay.agent.cli.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.patchbay.app.alerts.DeadManWatch;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** {@code patchbay deliver}: runs the outbox worker in this process. */
@Command(name = "deliver", mixinStandardHelpOptions = true, description = {
        "Run the outbox worker: push queued kits to their sites, retry failures with back-off (never giving up), "
                + "and read the sites' status reports.",
        "Without --until-done it runs until interrupted (Ctrl-C or SIGTERM stop it cleanly: transfers stop at "
                + "their next chunk and resume on the next run)."})
final class DeliverCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    WorkspaceOption workspace;
    @Option(names = "--until-done", description = "Exit 0 once no delivery is left that is not delivered, rejected "
            + "or cancelled (deliveries of pulled releases, paused rollouts and those a daily quota admits only on a "
            + "later day are not waited for); exit 5 when interrupted or timed out with deliveries left, 4 when the "
            + "sites left are down (--stalled-after). Ends with a summary per site.")
    boolean untilDone;
    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4", description = "Sites sent to at once (default: ${DEFAULT-VALUE}).")
    int parallel;
    @Option(names = "--lease", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long a delivery stays held if this worker dies (default: ${DEFAULT-VALUE}).")
    int leaseSeconds;
    @Option(names = "--retry-min", paramLabel = "SECONDS", defaultValue = "30",
            description = "Shortest wait before trying a failed delivery again (default: ${DEFAULT-VALUE}).")
    int retryMin;
    @Option(names = "--retry-max", paramLabel = "SECONDS", defaultValue = "3600",
            description = "Longest wait between tries (default: ${DEFAULT-VALUE}).")
    int retryMax;
    @Option(names = "--harvest-every", paramLabel = "SECONDS", defaultValue = "60",
            description = "How often each site's status reports are read; 0: never (default: ${DEFAULT-VALUE}).")
    int harvestEvery;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --until-done: stop after this long (e.g. 90s, 30m, 2h) and exit 5 if deliveries are "
                    + "left; they stay queued for the next run.")
    Duration timeout;
    @Option(names = "--stalled-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --until-done: stop and exit 4 once every site still waited for has moved no byte for "
                    + "this long and failed its last attempt: those sites are down (default: 15m). Their deliveries stay "
                    + "queued.")
    Duration stalledAfter;
    @Option(names = "--json", description = "One JSON object per line and event (sending, progress, delivered, "
            + "retrying, stopped, harvested, harvestFailed, note, summary) instead of text.")
    boolean json;

    /** When no byte moved to any site left for this long, {@code --until-done} takes them to be down. */
    static final Duration DEFAULT_STALLED_AFTER = Duration.ofMinutes(15);

    @Override
    public Integer call() throws Exception {
        if (parallel < 1 || parallel > 256) {
            throw new io.patchbay.model.PatchbayException("--parallel must be between 1 and 256");
        }
        if (leaseSeconds < 3 || retryMin < 1 || retryMax < retryMin || harvestEvery < 0) {
            throw new io.patchbay.model.PatchbayException(
                    "need --lease >= 3, --retry-min >= 1, --retry-max >= --retry-min, --harvest-every >= 0");
        }
        if (!untilDone && (timeout != null || stalledAfter != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--timeout and --stalled-after need --until-done (without it, deliver runs until stopped)");
        }
        long started = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        String workerId = ManagementFactory.getRuntimeMXBean().getName() + "-" + Long.toHexString(new Random().nextInt() & 0xffffL);
        WorkerSettings settings = WorkerSettings.defaults(workerId).withParallel(parallel)
                .withLease(Duration.ofSeconds(leaseSeconds)).withHarvestEvery(Duration.ofSeconds(harvestEvery))
                .withBackoff(new RetryBackoff(Duration.ofSeconds(retryMin), Duration.ofSeconds(retryMax), 2.0, new Random()));
        DeliveryOutput output = output(out);
        try (Workspace ws = workspace.open();
             SftpPusher sftp = new SftpPusher()) {
            output.meter.expect(ws.deliveries().outstanding());
            DeliveryWorker worker = new DeliveryWorker(ws, Pushers.standard(sftp, ws), settings, output);
            // Why the worker was stopped; the first reason wins (a timeout, then a Ctrl-C, is a timeout).
            AtomicReference<DeliverySummary.Ending> stop = new AtomicReference<>();
            // SIGTERM and Ctrl-C stop the worker from a signal handler rather than a shutdown hook: H2
            // closes the database from its own hook, and the stopping worker still has to record that
            // its deliveries are due again. A second signal ends the process at once.
            AtomicBoolean signalled = new AtomicBoolean();
            StopSignals.onTermOrInt(() -> {
                if (!signalled.compareAndSet(false, true)) {
                    Runtime.getRuntime().halt(ExitCode.INTERRUPTED.code());
                }
                stop.compareAndSet(null, untilDone ? DeliverySummary.Ending.INTERRUPTED : DeliverySummary.Ending.STOPPED);
                worker.stop();
            });
            output.note("worker " + workerId + " on " + ws.dir() + ": " + parallel + " sites at once"
                    + (untilDone ? ", until done" + (timeout == null ? "" : " or " + TextDeliveryOutput.duration(timeout))
                    : ", until interrupted (Ctrl-C stops it cleanly)"));
            DeadManWatch watch = new DeadManWatch(ws, workspace.path(), Duration.ofHours(AlertsCommand.DEFAULT_GRACE_HOURS),
                    Duration.ofHours(AlertsCommand.DEFAULT_QUIET_HOURS), workerId, output::note).every(Duration.ofMinutes(1));
            ScheduledExecutorService limits = untilDone ? watchLimits(ws, worker, stop) : null;
            boolean done;
            try (watch) {
                done = worker.run(untilDone);
            } finally {
                if (limits != null) {
                    limits.shutdownNow();
                }
            }
            if (done) {
                // The agents may have moved on since the last periodic read: leave the matrix current.
                worker.harvestAll();
            }
            worker.close();
            List<Delivery> left = ws.deliveries().outstanding();
            if (done) {
                long delivered = ws.deliveries().list().stream().filter(d -> d.kind() == DeliveryKind.KIT)
                        .filter(d -> d.state() == DeliveryState.DELIVERED).count();
                long rotations = ws.deliveries().rotationNotices().stream()
                        .filter(d -> d.state() == DeliveryState.DELIVERED).count();
                output.note("done: no delivery left to send (" + delivered + " delivered in this workspace"
                        + (rotations == 0 ? "" : ", and " + rotations + " key rotation notice" + (rotations == 1 ? "" : "s"))
                        + ")");
                int held = ws.deliveries().heldByQuota().size();
                if (held > 0) {
                    output.note(held + (held == 1 ? " delivery waits" : " deliveries wait")
                            + " for a later day's quota: run `patchbay deliver` again then (or keep one running)");
                }
            } else {
                output.note(stoppedWhy(stop.get()) + ": unfinished deliveries resume on the next `patchbay deliver`");
            }
            DeliverySummary.Ending ending = done ? DeliverySummary.Ending.DONE
                    : stop.get() == null ? DeliverySummary.Ending.STOPPED : stop.get();
            DeliverySummary summary = output.tally().summary(ending, Duration.ofNanos(System.nanoTime() - started), left);
            output.end(summary); // and nothing after it: a push stuck past the stop grace ends unheard
            return summary.ending().exit.code();
        }
    }

    private DeliveryOutput output(PrintWriter out) {
        DeliveryMeter meter = new DeliveryMeter(System::nanoTime);
        if (json) {
            return new JsonDeliveryOutput(out, meter);
        }
        // A live bar only where a person watches: System.console() is null when stdin or stdout is redirected
        // (a log file, a pipe, a CI job), and those get plain lines.
        return new TextDeliveryOutput(out, meter, System.console() != null, terminalWidth(), System::nanoTime);
    }

    /** Checks the --timeout and --stalled-after limits once a second; stops the worker when one is reached. */
    private ScheduledExecutorService watchLimits(Workspace ws, DeliveryWorker worker,
                                                 AtomicReference<DeliverySummary.Ending> stop) {
        UntilDoneLimits rules = new UntilDoneLimits(timeout,
                stalledAfter == null ? DEFAULT_STALLED_AFTER : stalledAfter, System::nanoTime);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deliver-limits");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                rules.check(ws.deliveries().outstanding()).ifPresent(why -> {
                    stop.compareAndSet(null, why);
                    worker.stop();
                });
            } catch (RuntimeException e) {
                // A database hiccup: the next check comes a second later; the worker reports its own failures.
            }
        }, 1, 1, TimeUnit.SECONDS);
        return timer;
    }

    private String stoppedWhy(DeliverySummary.Ending why) {
        if (why == DeliverySummary.Ending.TIMED_OUT) {
            return "timed out after " + TextDeliveryOutput.duration(timeout);
        }
        if (why == DeliverySummary.Ending.STALLED) {
            return "stopped: no byte reached the sites left for "
                    + TextDeliveryOutput.duration(stalledAfter == null ? DEFAULT_STALLED_AFTER : stalledAfter);
        }
        return "stopped";
    }

    private static int terminalWidth() {
        try {
            return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100").strip());
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}
