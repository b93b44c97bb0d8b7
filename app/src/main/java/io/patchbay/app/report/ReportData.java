package io.patchbay.app.report;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.workspace.DeltaCounts;
import io.patchbay.model.workspace.Event;
import io.patchbay.model.workspace.EventQuery;
import io.patchbay.model.workspace.MatrixCell;
import io.patchbay.model.workspace.Outcome;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.Workspace;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * Everything a report shows, read from the workspace in one go (off the FX thread): where every release
 * stands on every site now, how patches ended over time, and the events, within a date range.
 *
 * @param workspace   the workspace's name (its folder's), printed on every report
 * @param generatedAt when it was read
 * @param zone        the reader's zone: dates of the range and every time shown
 * @param from        the first day of the range (inclusive), or null for since the start
 * @param until       the last day of the range (inclusive), or null for until now
 * @param operatorRollbacks (site id, release id) of cells an operator rolled back: not failures
 * @param deltas      per release with deltas delivered: sent, applied, fallen back and why (all time)
 */
public record ReportData(String workspace, Instant generatedAt, ZoneId zone, LocalDate from, LocalDate until,
                         List<Release> releases, List<Site> sites, List<MatrixCell> cells, List<Outcome> outcomes,
                         Set<List<Long>> operatorRollbacks, List<Event> events, List<DeltaCounts> deltas) {
    /** The most events a report lists. */
    public static final int EVENT_LIMIT = 100_000;

    public ReportData {
        if (from != null && until != null && until.isBefore(from)) {
            throw new PatchbayException("the date range ends (" + until + ") before it starts (" + from + ")");
        }
        releases = List.copyOf(releases);
        sites = List.copyOf(sites);
        cells = List.copyOf(cells);
        outcomes = List.copyOf(outcomes);
        operatorRollbacks = Set.copyOf(operatorRollbacks);
        events = List.copyOf(events);
        deltas = List.copyOf(deltas);
    }

    /** Reads the workspace; slow (database), so call it off the FX thread. */
    public static ReportData read(Workspace ws, ZoneId zone, LocalDate from, LocalDate until, Instant now) {
        Instant start = start(from, zone);
        Instant end = end(until, zone);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new PatchbayException("the date range ends (" + until + ") before it starts (" + from + ")");
        }
        List<Outcome> outcomes = ws.reports().outcomes();
        Set<List<Long>> operator = new java.util.HashSet<>();
        outcomes.stream().filter(o -> o.kind() == Outcome.Kind.OPERATOR_ROLLBACK)
                .forEach(o -> operator.add(List.of(o.siteId(), o.releaseId())));
        return new ReportData(ws.dir().toAbsolutePath().normalize().getFileName().toString(), now, zone, from, until,
                ws.releases().list(), ws.sites().list(), ws.matrix().cells(), outcomes, operator,
                ws.events().find(EventQuery.all().between(start, end).limit(EVENT_LIMIT)), ws.deliveries().deltaCounts());
    }

    /** The range's first instant, or null. */
    public Instant start() {
        return start(from, zone);
    }

    /** The instant after the range's last day, or null. */
    public Instant end() {
        return end(until, zone);
    }

    /** Whether a moment falls in the range. */
    public boolean inRange(Instant t) {
        Instant s = start();
        Instant e = end();
        return t != null && (s == null || !t.isBefore(s)) && (e == null || t.isBefore(e));
    }

    /** "all time", "from 2026-11-01", "2026-11-01 to 2026-11-30": how the range reads on a report. */
    public String rangeText() {
        if (from == null && until == null) {
            return "all time";
        }
        return from == null ? "until " + until : until == null ? "from " + from : from + " to " + until;
    }

    /** Whether the cell's rolled-back state was an operator's rollback. */
    public boolean operatorRollback(MatrixCell c) {
        return operatorRollbacks.contains(List.of(c.siteId(), c.releaseId()));
    }

    private static Instant start(LocalDate from, ZoneId zone) {
        return from == null ? null : from.atStartOfDay(zone).toInstant();
    }

    private static Instant end(LocalDate until, ZoneId zone) {
        return until == null ? null : until.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
