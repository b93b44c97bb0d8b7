package io.patchbay.app.cli;

import io.patchbay.model.workspace.KitRoute;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.transport.outbox.WorkerListener;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What {@code deliver} shows while it runs: every worker event goes through the {@link DeliveryMeter} (rates, time
 * left) and the run's {@link DeliverySummary.Tally} first, then to the output's own form: text lines, a live bar
 * on a terminal, or one JSON object per line. Called from several worker threads at once: subclasses synchronise.
 */
abstract class DeliveryOutput implements WorkerListener {
    protected final DeliveryMeter meter;
    private final DeliverySummary.Tally tally = new DeliverySummary.Tally();
    private volatile boolean ended;

    protected DeliveryOutput(DeliveryMeter meter) {
        this.meter = meter;
    }

    DeliverySummary.Tally tally() {
        return tally;
    }

    @Override
    public final void sending(Delivery d) {
        if (ended) {
            return;
        }
        showSending(d, meter.sending(d));
    }

    @Override
    public final void routed(Delivery d, KitRoute route, long resumeAt) {
        if (ended) {
            return;
        }
        showRouted(d, route, meter.routed(d, route.kind(), route.size(), resumeAt));
    }

    @Override
    public final void progress(Delivery d, long sent, long total) {
        if (ended) {
            return;
        }
        showProgress(meter.progress(d, sent, total));
    }

    @Override
    public final void delivered(Delivery d, Duration took) {
        if (ended) {
            return;
        }
        tally.delivered(d);
        meter.delivered(d);
        showDelivered(d, took);
    }

    @Override
    public final void retrying(Delivery d, String reason, Instant nextTryAt) {
        if (ended) {
            return;
        }
        tally.failed(d, reason);
        meter.ended(d);
        showRetrying(d, reason, nextTryAt);
    }

    @Override
    public final void stopped(Delivery d, String why) {
        if (ended) {
            return;
        }
        meter.ended(d);
        showStopped(d, why);
    }

    abstract void showSending(Delivery d, DeliveryMeter.Reading r);

    /** Which kit travels for this attempt: the delta or the full kit, its file and size. */
    abstract void showRouted(Delivery d, KitRoute route, DeliveryMeter.Reading r);

    abstract void showProgress(DeliveryMeter.Reading r);

    abstract void showDelivered(Delivery d, Duration took);

    abstract void showRetrying(Delivery d, String reason, Instant nextTryAt);

    abstract void showStopped(Delivery d, String why);

    @Override
    public abstract void harvestFailed(String site, String reason);

    @Override
    public abstract void harvested(String site, int reports, List<String> problems);

    @Override
    public abstract void leasesReleased(int count);

    /** A message of the command itself (the worker's start, an alert, how it ended). */
    abstract void note(String text);

    /** Shows how the run ended; events heard after it (a push that outlived the stop) are not shown. */
    final void end(DeliverySummary s) {
        ended = true;
        summary(s);
    }

    abstract void summary(DeliverySummary s);
}
