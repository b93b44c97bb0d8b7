package io.patchbay.transport.outbox;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.bundle.ReportRefused;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.DeliveryKind;
import io.patchbay.model.workspace.KitRoute;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.TransportKind;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.Cancellation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox worker. Each pass it returns lapsed leases of stopped workers to the outbox, takes as many
 * due deliveries as it has free slots ({@link WorkerSettings#parallel()}; the workspace never hands out two
 * deliveries of one site at once), pushes each on its own thread through the {@link Pusher} of the site's
 * transport, and reads the status of sites whose last harvest is older than
 * {@link WorkerSettings#harvestEvery()} on a thread of its own, recording it with
 * {@link io.patchbay.model.workspace.Reports#record}.
 *
 * <p>A push that fails is marked retrying with its reason and the next try from the back-off; nothing
 * is ever given up. While a push runs, a timer renews its lease and records its progress once a second;
 * if the renewal is refused (a person cancelled the delivery, or another worker took it over after a
 * lapse) the push is cancelled at its next chunk.
 *
 * <p>Several workers (threads or processes) may run on one workspace at once.
 */
public final class DeliveryWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration TICK = Duration.ofSeconds(1);
    /** Sites taken to read per pass; the next pass takes more once these are read. */
    private static final int HARVEST_BATCH = 8;
    /** How long a stopping worker waits for its pushes to notice; a stalled link may not for a while. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Workspace ws;
    private final Map<TransportKind, Pusher> pushers;
    private final WorkerSettings settings;
    private final WorkerListener listener;
    private final ExecutorService pushing;
    private final ExecutorService harvesting;
    private final ScheduledExecutorService renewing;
    private final Map<Long, Active> active = new ConcurrentHashMap<>();
    private final AtomicBoolean harvestRunning = new AtomicBoolean();
    private final Object changed = new Object();
    private volatile boolean stopping;

    /** One delivery being pushed by this worker. */
    private static final class Active {
        final Delivery delivery;
        final Cancellation cancel = new Cancellation();
        final AtomicLong sent;
        final AtomicLong total;
        volatile boolean lost;

        Active(Delivery delivery) {
            this.delivery = delivery;
            this.sent = new AtomicLong(delivery.bytesSent());
            this.total = new AtomicLong(delivery.size());
        }
    }

    public DeliveryWorker(Workspace ws, Map<TransportKind, Pusher> pushers, WorkerSettings settings,
                          WorkerListener listener) {
        this.ws = ws;
        this.pushers = new EnumMap<>(pushers);
        this.settings = settings;
        this.listener = listener == null ? WorkerListener.NONE : listener;
        AtomicInteger n = new AtomicInteger();
        this.pushing = Executors.newFixedThreadPool(settings.parallel(), r -> daemon(r, "push-" + n.incrementAndGet()));
        this.harvesting = Executors.newSingleThreadExecutor(r -> daemon(r, "harvest"));
        this.renewing = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "lease-renewal"));
        renewing.scheduleWithFixedDelay(this::renewLeases, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs passes until {@link #stop()} is called or, with {@code untilDone}, until no delivery is left
     * that is neither final nor held (a pulled release or a paused rollout). Returns true when it ended
     * because everything was done, false when it was stopped; in both cases no push is running any more.
     */
    public boolean run(boolean untilDone) {
        try {
            while (!stopping) {
                pass();
                if (untilDone && active.isEmpty() && outstanding().isEmpty()) {
                    return true;
                }
                awaitChange(settings.poll());
            }
            return false;
        } finally {
            awaitIdle();
        }
    }

    /**
     * One pass: release lapsed leases, take due deliveries into free slots, start a harvest when one is
     * due. Returns how many deliveries it started. A failing database call is logged and the pass ends.
     */
    public int pass() {
        if (stopping) {
            return 0;
        }
        int started = 0;
        try {
            int released = ws.deliveries().releaseExpiredLeases(settings.workerId());
            if (released > 0) {
                listener.leasesReleased(released);
            }
            int free = settings.parallel() - active.size();
            if (free > 0) {
                for (Delivery d : ws.deliveries().claim(settings.workerId(), free, settings.lease())) {
                    Active a = new Active(d);
                    active.put(d.id(), a);
                    pushing.execute(() -> deliver(a));
                    started++;
                }
            }
            startHarvestIfDue();
        } catch (RuntimeException e) {
            LOG.warn("outbox pass failed: {}", oneLine(e));
        }
        return started;
    }

    /**
     * Deliveries not final and not held: what {@code deliver --until-done} waits for. The workspace decides,
     * by the rule it takes due rows with ({@link io.patchbay.model.workspace.Deliveries#outstanding}).
     */
    public List<Delivery> outstanding() {
        return ws.deliveries().outstanding();
    }

    /** How many deliveries this worker is pushing now. */
    public int activeCount() {
        return active.size();
    }

    /**
     * Asks the worker to stop: no new delivery is taken, running pushes are cancelled at their next
     * chunk and their rows are made due again at once (the partial upload stays on the site for the
     * next attempt). {@link #run} returns once they have ended.
     */
    public void stop() {
        stopping = true;
        active.values().forEach(a -> a.cancel.cancel());
        signal();
    }

    @Override
    public void close() {
        stop();
        awaitIdle();
        renewing.shutdownNow();
        harvesting.shutdownNow();
        pushing.shutdownNow();
    }

    private void deliver(Active a) {
        Delivery d = a.delivery;
        long start = System.nanoTime();
        try {
            listener.sending(d);
            Site site = ws.sites().get(d.siteName());
            Pusher pusher = pushers.get(site.spec().transport());
            if (pusher == null) {
                throw new PatchbayException("this worker cannot send over " + site.spec().transport().word());
            }
            // A pull or rotation notice travels like a kit: same pushers, same inbox, same retries; only its file
            // differs. A kit: its delta when the site runs the delta's base, else the full kit, chosen now since the
            // site's installed release may have changed while the row waited; this machine's cached copy, or
            // streamed from the workspace database into the cache.
            Path file;
            String name;
            if (d.kind() == DeliveryKind.KIT) {
                KitRoute route = ws.deliveries().route(d.id(), settings.workerId());
                file = ws.kits().localCopy(route.kitFile(), route.kitSha256());
                name = route.kitFile();
                // Progress counts against the file that travels; another file than last time starts from zero.
                a.total.set(route.size());
                a.sent.set(ws.deliveries().find(d.id()).map(Delivery::bytesSent).orElse(0L));
                listener.routed(d, route, a.sent.get());
            } else {
                file = ws.fileOf(d);
                name = d.fileName();
            }
            String resume = ws.deliveries().uploadUrl(d.id()).orElse(null);
            pusher.push(new PushJob(site, file, name, resume), new PushProgress() {
                @Override
                public void sent(long sent, long total) {
                    a.sent.set(sent);
                    a.total.set(total);
                }

                @Override
                public void resumableAt(String url) {
                    ws.deliveries().recordUploadUrl(d.id(), settings.workerId(), url);
                }
            }, a.cancel);
            if (ws.deliveries().markDelivered(d.id(), settings.workerId())) {
                listener.delivered(d, Duration.ofNanos(System.nanoTime() - start));
                if (d.rolloutId() != null) {
                    ws.rollouts().finishIfComplete(d.rolloutId(), settings.workerId());
                }
            } else {
                listener.stopped(d, "the delivery was cancelled or taken over meanwhile");
            }
        } catch (Cancellation.CancelledException e) {
            if (a.lost) {
                listener.stopped(d, "the delivery was cancelled or taken over by another worker");
            } else {
                stoppedByWorker(d);
            }
        } catch (RuntimeException e) {
            fail(a, oneLine(e));
        } finally {
            active.remove(d.id());
            signal();
        }
    }

    private void fail(Active a, String reason) {
        Delivery d = a.delivery;
        if (stopping && a.cancel.isCancelled()) {
            stoppedByWorker(d);
            return;
        }
        // Progress is what the site acknowledged; more than the row held when this attempt began means it
        // moved bytes, and the delivery is tried again at once instead of backing off.
        long reached = a.sent.get();
        boolean moved = reached > d.bytesSent();
        try {
            Optional<Instant> next = ws.deliveries().markFailed(d.id(), settings.workerId(), reason, reached, moved,
                    settings.backoff());
            if (next.isPresent()) {
                listener.retrying(d, reason, next.get());
            } else {
                listener.stopped(d, "the delivery was cancelled or taken over meanwhile");
            }
        } catch (RuntimeException e) {
            // The lease lapses and another pass takes the row again.
            LOG.warn("cannot record the failure of {}: {}", d.subject(), oneLine(e));
        }
    }

    /** Returns a row this worker holds to the outbox, due now, and says so. */
    private void stoppedByWorker(Delivery d) {
        try {
            // Due again at once by the database's clock, not this machine's: another worker may run elsewhere.
            ws.deliveries().markFailed(d.id(), settings.workerId(), "worker " + settings.workerId() + " stopped",
                    Duration.ZERO);
            listener.stopped(d, "the worker stops; the delivery is due again at once");
        } catch (RuntimeException e) {
            LOG.warn("cannot return {} to the outbox: {}", d.subject(), oneLine(e));
            listener.stopped(d, "the worker stops; the delivery is due again when its lease lapses ("
                    + settings.lease().toSeconds() + " s)");
        }
    }

    private void renewLeases() {
        for (Active a : active.values()) {
            try {
                long sent = a.sent.get();
                if (!ws.deliveries().progress(a.delivery.id(), settings.workerId(), sent, settings.lease())) {
                    a.lost = true;
                    a.cancel.cancel();
                    continue;
                }
                listener.progress(a.delivery, sent, a.total.get());
            } catch (RuntimeException e) {
                LOG.warn("cannot renew the lease of {}: {}", a.delivery.subject(), oneLine(e));
            }
        }
    }

    private void startHarvestIfDue() {
        if (settings.harvestEvery().isZero() || stopping || !harvestRunning.compareAndSet(false, true)) {
            return;
        }
        Set<Long> busy = new HashSet<>();
        active.values().forEach(a -> busy.add(a.delivery.siteId()));
        // Taken in the database like deliveries: with several workers on one database, each due site is read
        // by one of them per interval. A few at a time, so a worker that starts first does not take them all.
        List<Site> due;
        try {
            due = ws.sites().claimHarvests(HARVEST_BATCH, settings.harvestEvery(), busy);
        } catch (RuntimeException e) {
            LOG.warn("cannot take sites to read: {}", oneLine(e));
            harvestRunning.set(false);
            return;
        }
        if (due.isEmpty()) {
            harvestRunning.set(false);
            return;
        }
        harvesting.execute(() -> {
            try {
                for (Site s : due) {
                    if (stopping) {
                        return;
                    }
                    harvest(s);
                }
            } finally {
                harvestRunning.set(false);
            }
        });
    }

    /**
     * Reads every site's reports now, {@code parallel} sites at a time, and returns when all are read: what
     * a person sees right after {@code deliver --until-done} or {@code status --refresh} is the agents'
     * latest word, not the last periodic harvest's. Call it while no push runs (it shares their threads).
     */
    public void harvestAll() {
        List<java.util.concurrent.Callable<Void>> reads = new ArrayList<>();
        for (Site s : ws.sites().list()) {
            reads.add(() -> {
                harvest(s);
                return null;
            });
        }
        try {
            pushing.invokeAll(reads);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reads one site's reports and records them; a site that cannot be read is tried at the next round. A signed
     * report refused for good is recorded on the site too, so that it shows where a person looks (status, site show),
     * not only here; a site that could not be read just now is no refusal and is not recorded.
     */
    public void harvest(Site site) {
        Pusher pusher = pushers.get(site.spec().transport());
        if (pusher == null) {
            return;
        }
        try {
            SiteHarvest.Recorded r = pusher.harvest(site).record(ws, site.name(), settings.workerId());
            listener.harvested(site.name(), r.reports(), r.problems());
        } catch (ReportRefused e) {
            String reason = oneLine(e);
            try {
                ws.reportRefusals().refused(site.name(), reason, settings.workerId());
            } catch (RuntimeException notRecorded) {
                LOG.warn("cannot record the refused report of {}: {}", site.name(), oneLine(notRecorded));
            }
            listener.harvestFailed(site.name(), reason);
        } catch (RuntimeException e) {
            if (!stopping) { // a harvest cut short by stop() is no news about the site
                listener.harvestFailed(site.name(), oneLine(e));
            }
        }
    }

    private void awaitChange(Duration timeout) {
        synchronized (changed) {
            try {
                changed.wait(Math.max(1, timeout.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
            }
        }
    }

    private void signal() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    /**
     * Waits until no push runs. When stopping, waits at most {@link #STOP_GRACE}: a push stuck on a
     * stalled link notices its cancellation only when its network step times out, so its row is returned
     * to the outbox here (the push's own late outcome is then refused, as it no longer holds the row).
     */
    private void awaitIdle() {
        long end = System.nanoTime() + STOP_GRACE.toNanos();
        while (!active.isEmpty()) {
            if (stopping && System.nanoTime() > end) {
                for (Active a : List.copyOf(active.values())) {
                    if (active.remove(a.delivery.id()) != null) {
                        a.lost = true;
                        stoppedByWorker(a.delivery);
                    }
                }
                return;
            }
            awaitChange(Duration.ofMillis(200));
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.lines().findFirst().orElse(m).strip();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, "outbox-" + name);
        t.setDaemon(true);
        return t;
    }
}
