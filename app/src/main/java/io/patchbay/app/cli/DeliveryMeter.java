package io.patchbay.app.cli;

import io.patchbay.model.workspace.SentKind;
import io.patchbay.model.workspace.Delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How far {@code deliver} has come, per delivery and in total: bytes on the sites, the rate over the last
 * {@link #WINDOW} and the time left at that rate. Fed by the worker's listener calls; reads no clock of its
 * own (a test drives it), and holds no output.
 */
final class DeliveryMeter {
    /** Rates are measured over this much recent time: long enough to smooth chunking, short enough to follow a change. */
    static final Duration WINDOW = Duration.ofSeconds(10);

    /** One delivery's progress. {@code left} is null while the rate is not yet known (or zero). */
    record Reading(long id, String site, String what, SentKind kind, long sent, long size, double bytesPerSecond,
                   Duration left) {
        int percent() {
            return size <= 0 ? 0 : (int) Math.min(100, sent * 100 / size);
        }
    }

    /** All deliveries this run knows of: those outstanding when it started and any taken since. */
    record Total(long sent, long size, int delivered, int deliveries, double bytesPerSecond, Duration left) {
        int percent() {
            return size <= 0 ? (deliveries > 0 && delivered == deliveries ? 100 : 0) : (int) Math.min(100, sent * 100 / size);
        }
    }

    private static final class Track {
        final Delivery delivery;
        SentKind kind; // once the attempt's kit is chosen; null for notices
        long sent;
        long size;
        boolean delivered;
        boolean sending;
        final ArrayDeque<long[]> samples = new ArrayDeque<>(); // {nanos, sent}

        Track(Delivery d) {
            this.delivery = d;
            this.sent = d.bytesSent();
            this.size = d.size();
        }

        double rate() {
            if (!sending || samples.size() < 2) {
                return 0;
            }
            long[] first = samples.peekFirst();
            long[] last = samples.peekLast();
            long nanos = last[0] - first[0];
            return nanos <= 0 ? 0 : Math.max(0, last[1] - first[1]) * 1e9 / nanos;
        }

        Reading reading() {
            double rate = rate();
            return new Reading(delivery.id(), delivery.siteName(), delivery.what(), kind, sent, size, rate,
                    left(size - sent, rate));
        }
    }

    private final LongSupplier nanoTime;
    private final Map<Long, Track> tracks = new LinkedHashMap<>();

    DeliveryMeter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Counts deliveries the run is expected to send, so the total's size is right from the start. */
    synchronized void expect(Collection<Delivery> deliveries) {
        deliveries.forEach(this::track);
    }

    synchronized Reading sending(Delivery d) {
        Track t = track(d);
        t.sending = true;
        t.samples.clear();
        t.samples.add(new long[]{nanoTime.getAsLong(), t.sent});
        return t.reading();
    }

    /** The attempt's kit is chosen: from now on its size, not the claim-time size (the full kit's), is the whole. */
    synchronized Reading routed(Delivery d, SentKind kind, long size, long resumeAt) {
        Track t = track(d);
        t.kind = kind;
        t.size = size;
        t.sent = resumeAt;
        t.samples.clear();
        t.samples.add(new long[]{nanoTime.getAsLong(), resumeAt});
        return t.reading();
    }

    synchronized Reading progress(Delivery d, long sent, long size) {
        Track t = track(d);
        long now = nanoTime.getAsLong();
        t.sent = sent;
        if (size > 0) {
            t.size = size;
        }
        t.sending = true;
        t.samples.add(new long[]{now, sent});
        while (t.samples.size() > 2 && now - t.samples.peekFirst()[0] > WINDOW.toNanos()) {
            t.samples.removeFirst();
        }
        return t.reading();
    }

    synchronized Reading delivered(Delivery d) {
        Track t = track(d);
        t.delivered = true;
        t.sending = false;
        t.sent = t.size;
        return t.reading();
    }

    /** The attempt ended without delivering (it failed or was stopped): its rate no longer counts. */
    synchronized void ended(Delivery d) {
        Track t = track(d);
        t.sending = false;
        t.samples.clear();
    }

    synchronized Total total() {
        long sent = 0;
        long size = 0;
        int delivered = 0;
        double rate = 0;
        for (Track t : tracks.values()) {
            sent += Math.min(t.sent, t.size);
            size += t.size;
            delivered += t.delivered ? 1 : 0;
            rate += t.rate();
        }
        return new Total(sent, size, delivered, tracks.size(), rate, left(size - sent, rate));
    }

    /** The deliveries being sent now, in the order they were first seen. */
    synchronized List<Reading> sendingNow() {
        return tracks.values().stream().filter(t -> t.sending).map(Track::reading).toList();
    }

    private Track track(Delivery d) {
        return tracks.computeIfAbsent(d.id(), id -> new Track(d));
    }

    private static Duration left(long bytes, double rate) {
        if (bytes <= 0) {
            return Duration.ZERO;
        }
        return rate <= 0 ? null : Duration.ofMillis((long) Math.ceil(bytes * 1000 / rate));
    }
}
