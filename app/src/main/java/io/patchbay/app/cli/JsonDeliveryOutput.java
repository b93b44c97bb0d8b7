package io.patchbay.app.cli;

import io.patchbay.model.workspace.KitRoute;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.patchbay.model.json.Json;
import io.patchbay.model.workspace.Delivery;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code deliver --json}: one JSON object per line and event, for pipelines ({@code jq -c 'select(.event ==
 * "delivered")'}). Every object has {@code event}, {@code at} (UTC); progress carries the delivery's and the run's
 * bytes, rate and seconds left ({@code null} while unknown).
 */
final class JsonDeliveryOutput extends DeliveryOutput {
    private static final ObjectWriter ONE_LINE = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
    private final PrintWriter out;

    JsonDeliveryOutput(PrintWriter out, DeliveryMeter meter) {
        super(meter);
        this.out = out;
    }

    @Override
    void showSending(Delivery d, DeliveryMeter.Reading r) {
        Map<String, Object> e = delivery("sending", d);
        e.put("attempt", d.attempts());
        e.put("resumeAt", d.bytesSent());
        write(e);
    }

    @Override
    void showRouted(Delivery d, KitRoute route, DeliveryMeter.Reading r) {
        Map<String, Object> e = delivery("routed", d);
        e.put("kind", route.kind().word());
        e.put("kit", route.kitFile());
        e.put("size", route.size());
        e.put("resumeAt", r.sent());
        write(e);
    }

    @Override
    void showProgress(DeliveryMeter.Reading r) {
        Map<String, Object> e = event("progress");
        e.put("site", r.site());
        e.put("what", r.what());
        e.put("kind", r.kind() == null ? null : r.kind().word());
        e.put("sent", r.sent());
        e.put("size", r.size());
        e.put("percent", r.percent());
        e.put("bytesPerSecond", Math.round(r.bytesPerSecond()));
        e.put("secondsLeft", seconds(r.left()));
        e.put("total", total(meter.total()));
        write(e);
    }

    @Override
    void showDelivered(Delivery d, Duration took) {
        Map<String, Object> e = delivery("delivered", d);
        e.put("seconds", took.toMillis() / 1000.0);
        write(e);
    }

    @Override
    void showRetrying(Delivery d, String reason, Instant nextTryAt) {
        Map<String, Object> e = delivery("retrying", d);
        e.put("reason", reason);
        e.put("nextTryAt", nextTryAt.toString());
        write(e);
    }

    @Override
    void showStopped(Delivery d, String why) {
        Map<String, Object> e = delivery("stopped", d);
        e.put("reason", why);
        write(e);
    }

    @Override
    public void harvestFailed(String site, String reason) {
        Map<String, Object> e = event("harvestFailed");
        e.put("site", site);
        e.put("reason", reason);
        write(e);
    }

    @Override
    public void harvested(String site, int reports, List<String> problems) {
        Map<String, Object> e = event("harvested");
        e.put("site", site);
        e.put("reports", reports);
        e.put("problems", problems);
        write(e);
    }

    @Override
    public void leasesReleased(int count) {
        Map<String, Object> e = event("leasesReleased");
        e.put("count", count);
        write(e);
    }

    @Override
    void note(String text) {
        Map<String, Object> e = event("note");
        e.put("text", text);
        write(e);
    }

    @Override
    void summary(DeliverySummary s) {
        Map<String, Object> e = event("summary");
        e.put("ending", s.ending().name().toLowerCase(java.util.Locale.ROOT));
        e.put("exitCode", s.ending().exit.code());
        e.put("delivered", s.delivered());
        e.put("failed", s.failed());
        e.put("left", s.left());
        e.put("seconds", s.took().toMillis() / 1000.0);
        e.put("sites", s.sites());
        write(e);
    }

    private static Map<String, Object> total(DeliveryMeter.Total t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sent", t.sent());
        m.put("size", t.size());
        m.put("percent", t.percent());
        m.put("delivered", t.delivered());
        m.put("deliveries", t.deliveries());
        m.put("bytesPerSecond", Math.round(t.bytesPerSecond()));
        m.put("secondsLeft", seconds(t.left()));
        return m;
    }

    private static Long seconds(Duration left) {
        return left == null ? null : (long) Math.ceil(left.toMillis() / 1000.0);
    }

    private static Map<String, Object> delivery(String name, Delivery d) {
        Map<String, Object> e = event(name);
        e.put("site", d.siteName());
        e.put("what", d.what());
        e.put("deliveryId", d.id());
        return e;
    }

    private static Map<String, Object> event(String name) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", name);
        e.put("at", Instant.now().toString());
        return e;
    }

    private synchronized void write(Map<String, Object> event) {
        try {
            out.println(ONE_LINE.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}
