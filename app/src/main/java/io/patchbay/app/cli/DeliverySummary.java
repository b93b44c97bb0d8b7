package io.patchbay.app.cli;

import io.patchbay.agent.cli.ExitCode;
import io.patchbay.model.workspace.Delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one {@code deliver} run did, per site: delivered, failed attempts, and deliveries still left (they
 * stay in the outbox for the next run), with how the run ended.
 */
record DeliverySummary(Ending ending, Duration took, List<SiteLine> sites) {

    /** Why the run ended; decides the exit code. */
    enum Ending {
        DONE("done", ExitCode.DONE),
        /** A service ({@code deliver} without --until-done) stopped by SIGINT/SIGTERM: how a service ends. */
        STOPPED("stopped", ExitCode.DONE),
        /** SIGINT/SIGTERM with --until-done and deliveries left. */
        INTERRUPTED("interrupted", ExitCode.INTERRUPTED),
        TIMED_OUT("timed out", ExitCode.INTERRUPTED),
        /** Every site left moved no byte for --stalled-after: they are down, trying longer now is pointless. */
        STALLED("sites down", ExitCode.TRANSIENT);

        final String word;
        final ExitCode exit;

        Ending(String word, ExitCode exit) {
            this.word = word;
            this.exit = exit;
        }
    }

    record SiteLine(String site, int delivered, int failed, int left, String lastError) {
    }

    int delivered() {
        return sites.stream().mapToInt(SiteLine::delivered).sum();
    }

    int failed() {
        return sites.stream().mapToInt(SiteLine::failed).sum();
    }

    int left() {
        return sites.stream().mapToInt(SiteLine::left).sum();
    }

    /** Counts what a run's listener heard, per site; thread-safe (the worker calls from several threads). */
    static final class Tally {
        private final Map<String, int[]> counts = new TreeMap<>(); // site -> {delivered, failed}
        private final Map<String, String> lastError = new TreeMap<>();

        synchronized void delivered(Delivery d) {
            counts.computeIfAbsent(d.siteName(), s -> new int[2])[0]++;
        }

        synchronized void failed(Delivery d, String reason) {
            counts.computeIfAbsent(d.siteName(), s -> new int[2])[1]++;
            lastError.put(d.siteName(), reason);
        }

        /** The summary once the run ended, with {@code left} the deliveries still outstanding then. */
        synchronized DeliverySummary summary(Ending ending, Duration took, List<Delivery> left) {
            Map<String, Integer> leftBySite = new TreeMap<>();
            for (Delivery d : left) {
                leftBySite.merge(d.siteName(), 1, Integer::sum);
            }
            TreeMap<String, SiteLine> lines = new TreeMap<>();
            counts.forEach((site, c) -> lines.put(site, new SiteLine(site, c[0], c[1], 0, null)));
            leftBySite.forEach((site, n) -> lines.merge(site, new SiteLine(site, 0, 0, n, null),
                    (a, b) -> new SiteLine(site, a.delivered(), a.failed(), n, null)));
            List<SiteLine> result = new ArrayList<>();
            // The last error this run met; a row's older error (or "worker stopped") is not this run's news.
            lines.values().forEach(l -> result.add(new SiteLine(l.site(), l.delivered(), l.failed(), l.left(),
                    lastError.get(l.site()))));
            Ending end = left.isEmpty() ? Ending.DONE : ending;
            return new DeliverySummary(end, took, List.copyOf(result));
        }
    }
}
