package io.patchbay.app.cli;

import io.patchbay.model.delivery.RetryBackoff;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.DeliveryKind;
import io.patchbay.model.workspace.DeliveryState;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.outbox.DeliveryWorker;
import io.patchbay.transport.outbox.Pushers;
import io.patchbay.transport.outbox.WorkerListener;
import io.patchbay.transport.outbox.WorkerSettings;
import io.patchbay.transport.sftp.SftpPusher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.patchbay.app.alerts.DeadManWatch;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

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
            + "later day are not waited for).")
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

    @Override
    public Integer call() throws Exception {
        if (parallel < 1 || parallel > 256) {
            throw new io.patchbay.model.PatchbayException("--parallel must be between 1 and 256");
        }
        if (leaseSeconds < 3 || retryMin < 1 || retryMax < retryMin || harvestEvery < 0) {
            throw new io.patchbay.model.PatchbayException(
                    "need --lease >= 3, --retry-min >= 1, --retry-max >= --retry-min, --harvest-every >= 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        String workerId = ManagementFactory.getRuntimeMXBean().getName() + "-" + Long.toHexString(new Random().nextInt() & 0xffffL);
        WorkerSettings settings = WorkerSettings.defaults(workerId).withParallel(parallel)
                .withLease(Duration.ofSeconds(leaseSeconds)).withHarvestEvery(Duration.ofSeconds(harvestEvery))
                .withBackoff(new RetryBackoff(Duration.ofSeconds(retryMin), Duration.ofSeconds(retryMax), 2.0, new Random()));
        try (Workspace ws = workspace.open();
             SftpPusher sftp = new SftpPusher()) {
            DeliveryWorker worker = new DeliveryWorker(ws, Pushers.standard(sftp, ws), settings, new Printer(out));
            // SIGTERM and Ctrl-C stop the worker from a signal handler rather than a shutdown hook: H2
            // closes the database from its own hook, and the stopping worker still has to record that
            // its deliveries are due again. A second signal ends the process at once.
            AtomicBoolean signalled = new AtomicBoolean();
            StopSignals.onTermOrInt(() -> {
                if (!signalled.compareAndSet(false, true)) {
                    Runtime.getRuntime().halt(130);
                }
                worker.stop();
            });
            out.println("worker " + workerId + " on " + ws.dir() + ": " + parallel + " sites at once"
                    + (untilDone ? ", until done" : ", until interrupted (Ctrl-C stops it cleanly)"));
            DeadManWatch watch = new DeadManWatch(ws, workspace.path(), Duration.ofHours(AlertsCommand.DEFAULT_GRACE_HOURS),
                    Duration.ofHours(AlertsCommand.DEFAULT_QUIET_HOURS), workerId, out::println).every(Duration.ofMinutes(1));
            boolean done;
            try (watch) {
                done = worker.run(untilDone);
            }
            if (done) {
                // The agents may have moved on since the last periodic read: leave the matrix current.
                worker.harvestAll();
            }
            worker.close();
            if (done) {
                long delivered = ws.deliveries().list().stream().filter(d -> d.kind() == DeliveryKind.KIT)
                        .filter(d -> d.state() == DeliveryState.DELIVERED).count();
                out.println("done: no delivery left to send (" + delivered + " delivered in this workspace)");
                int held = ws.deliveries().heldByQuota().size();
                if (held > 0) {
                    out.println(held + (held == 1 ? " delivery waits" : " deliveries wait")
                            + " for a later day's quota: run `patchbay deliver` again then (or keep one running)");
                }
            } else {
                out.println("stopped: unfinished deliveries resume on the next `patchbay deliver`");
            }
        }
        return 0;
    }

    /** Prints one line per event; progress at most once per 10 % step per delivery. */
    static final class Printer implements WorkerListener {
        private final PrintWriter out;
        private final Map<Long, Integer> shown = new ConcurrentHashMap<>();

        Printer(PrintWriter out) {
            this.out = out;
        }

        private synchronized void line(String text) {
            out.println(text);
            out.flush();
        }

        @Override
        public void sending(Delivery d) {
            shown.put(d.id(), d.percent() / 10);
            line(d.siteName() + ": sending " + d.what() + " (attempt " + d.attempts()
                    + (d.bytesSent() > 0 ? ", resuming after " + d.percent() + "%" : "") + ")");
        }

        @Override
        public void progress(Delivery d, long sent, long total) {
            int step = total <= 0 ? 0 : (int) (sent * 10 / total);
            Integer before = shown.put(d.id(), step);
            if (before == null || step > before) {
                line(String.format(Locale.ROOT, "%s: %d%% of %s (%s)", d.siteName(), total <= 0 ? 0 : sent * 100 / total,
                        d.what(), KitCommand.size(total)));
            }
        }

        @Override
        public void delivered(Delivery d, Duration took) {
            shown.remove(d.id());
            line(String.format(Locale.ROOT, "%s: delivered %s in %.1f s", d.siteName(), d.what(),
                    took.toMillis() / 1000.0));
        }

        @Override
        public void retrying(Delivery d, String reason, Instant nextTryAt) {
            shown.remove(d.id());
            line(d.siteName() + ": retrying " + d.what() + ": " + reason + "; next try at "
                    + nextTryAt.truncatedTo(ChronoUnit.SECONDS));
        }

        @Override
        public void stopped(Delivery d, String why) {
            shown.remove(d.id());
            line(d.siteName() + ": stopped sending " + d.what() + ": " + why);
        }

        @Override
        public void harvestFailed(String site, String reason) {
            line(site + ": cannot read status: " + reason);
        }

        @Override
        public void harvested(String site, int reports, List<String> problems) {
            problems.forEach(p -> line(site + ": status problem: " + p));
        }

        @Override
        public void leasesReleased(int count) {
            line(count + " deliveries of a stopped worker returned to the outbox");
        }
    }
}
