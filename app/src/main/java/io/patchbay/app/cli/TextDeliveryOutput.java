package io.patchbay.app.cli;

import io.patchbay.model.workspace.KitRoute;
import io.patchbay.model.workspace.Delivery;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * {@code deliver}'s output for a person. Events are one line each. Progress, with rate and time left per site and
 * in total, is either a live one-line bar redrawn in place (on a terminal) or plain lines for a log or a pipe: a
 * delivery's line every {@link #EVERY} or each 10 %, whichever comes first, and a total line likewise.
 */
final class TextDeliveryOutput extends DeliveryOutput {
    static final Duration EVERY = Duration.ofSeconds(5);
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter out;
    private final boolean live;
    private final int width;
    private final LongSupplier nanoTime;
    private final Map<Long, long[]> shown = new HashMap<>(); // delivery id -> {10 % step, nanos}
    private long[] totalShown = {-1, 0};
    private String bar = "";
    private long barDrawn;

    /**
     * @param live  redraw one bar line in place (stdout is a terminal) rather than writing progress lines
     * @param width the terminal's width, for the bar
     */
    TextDeliveryOutput(PrintWriter out, DeliveryMeter meter, boolean live, int width, LongSupplier nanoTime) {
        super(meter);
        this.out = out;
        this.live = live;
        this.width = Math.max(40, width);
        this.nanoTime = nanoTime;
    }

    @Override
    synchronized void showSending(Delivery d, DeliveryMeter.Reading r) {
        shown.put(d.id(), new long[]{r.percent() / 10, nanoTime.getAsLong()});
        line(d.siteName() + ": sending " + d.what() + " (attempt " + d.attempts()
                + (d.bytesSent() > 0 ? ", resuming after " + d.percent() + "%" : "") + ")");
    }

    @Override
    synchronized void showRouted(Delivery d, KitRoute route, DeliveryMeter.Reading r) {
        shown.put(d.id(), new long[]{r.percent() / 10, nanoTime.getAsLong()});
        line(d.siteName() + ": " + d.what() + " travels as the " + route.kind().text() + " " + route.kitFile() + " ("
                + KitCommand.size(route.size()) + (r.sent() > 0 ? ", resuming after " + r.percent() + "%" : "") + ")");
    }

    @Override
    synchronized void showProgress(DeliveryMeter.Reading r) {
        if (live) {
            long now = nanoTime.getAsLong();
            if (now - barDrawn >= REDRAW_NANOS) {
                drawBar();
            }
            return;
        }
        if (due(shown.computeIfAbsent(r.id(), id -> new long[]{-1, 0}), r.percent())) {
            line(String.format(Locale.ROOT, "%s: %d%% of %s (%s%s), %s", r.site(), r.percent(), r.what(),
                    r.kind() == null ? "" : r.kind().text() + ", ", KitCommand.size(r.size()),
                    rateAndLeft(r.bytesPerSecond(), r.left())));
        }
        DeliveryMeter.Total t = meter.total();
        if (t.deliveries() > 1 && due(totalShown, t.percent())) {
            line(totalLine(t));
        }
    }

    @Override
    synchronized void showDelivered(Delivery d, Duration took) {
        shown.remove(d.id());
        line(String.format(Locale.ROOT, "%s: delivered %s in %.1f s", d.siteName(), d.what(), took.toMillis() / 1000.0));
    }

    @Override
    synchronized void showRetrying(Delivery d, String reason, Instant nextTryAt) {
        shown.remove(d.id());
        line(d.siteName() + ": retrying " + d.what() + ": " + reason + "; next try at "
                + nextTryAt.truncatedTo(ChronoUnit.SECONDS));
    }

    @Override
    synchronized void showStopped(Delivery d, String why) {
        shown.remove(d.id());
        line(d.siteName() + ": stopped sending " + d.what() + ": " + why);
    }

    @Override
    public synchronized void harvestFailed(String site, String reason) {
        line(site + ": cannot read status: " + reason);
    }

    @Override
    public synchronized void harvested(String site, int reports, List<String> problems) {
        problems.forEach(p -> line(site + ": status problem: " + p));
    }

    @Override
    public synchronized void leasesReleased(int count) {
        line(count + " deliveries of a stopped worker returned to the outbox");
    }

    @Override
    synchronized void note(String text) {
        line(text);
    }

    @Override
    synchronized void summary(DeliverySummary s) {
        clearBar();
        bar = "";
        out.println(String.format(Locale.ROOT, "summary: %s; %d delivered, %d failed %s, %d left, in %s",
                s.ending().word, s.delivered(), s.failed(), s.failed() == 1 ? "attempt" : "attempts", s.left(),
                duration(s.took())));
        for (DeliverySummary.SiteLine l : s.sites()) {
            out.println("  " + l.site() + ": " + l.delivered() + " delivered, " + l.failed() + " failed, " + l.left()
                    + " left" + (l.lastError() == null ? "" : " (last error: " + l.lastError() + ")"));
        }
        out.flush();
    }

    /** The live bar: total share, bytes, rate and time left, deliveries done, then each site being sent to. */
    String barLine() {
        DeliveryMeter.Total t = meter.total();
        int cells = 20;
        int filled = Math.min(cells, t.percent() * cells / 100);
        String sites = meter.sendingNow().stream().map(r -> r.site() + " " + r.percent() + "%")
                .collect(Collectors.joining(", "));
        String text = String.format(Locale.ROOT, "[%s%s] %3d%% %s of %s, %s, %d/%d delivered%s", "#".repeat(filled),
                "-".repeat(cells - filled), t.percent(), KitCommand.size(t.sent()), KitCommand.size(t.size()),
                rateAndLeft(t.bytesPerSecond(), t.left()), t.delivered(), t.deliveries(),
                sites.isEmpty() ? "" : " | " + sites);
        return text.length() < width ? text : text.substring(0, width - 4) + "...";
    }

    static String totalLine(DeliveryMeter.Total t) {
        return String.format(Locale.ROOT, "total: %d%% of %s, %d of %d delivered, %s", t.percent(),
                KitCommand.size(t.size()), t.delivered(), t.deliveries(), rateAndLeft(t.bytesPerSecond(), t.left()));
    }

    static String rateAndLeft(double bytesPerSecond, Duration left) {
        return KitCommand.size((long) bytesPerSecond) + "/s, "
                + (left == null ? "time left unknown" : duration(left) + " left");
    }

    /** {@code 7 s}, {@code 2 min 5 s}, {@code 1 h 20 min}. */
    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0));
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
    }

    /** A progress line is due at each new 10 % step, or {@link #EVERY} after the last one. */
    private boolean due(long[] last, int percent) {
        long now = nanoTime.getAsLong();
        if (percent / 10 > last[0] || now - last[1] >= EVERY.toNanos()) {
            last[0] = percent / 10;
            last[1] = now;
            return true;
        }
        return false;
    }

    private void line(String text) {
        clearBar();
        out.println(text);
        if (live && !bar.isEmpty()) {
            drawBar();
        }
        out.flush();
    }

    private void drawBar() {
        bar = barLine();
        barDrawn = nanoTime.getAsLong();
        out.print("\r" + bar + "\033[K");
        out.flush();
    }

    private void clearBar() {
        if (live && !bar.isEmpty()) {
            out.print("\r\033[K");
        }
    }
}
