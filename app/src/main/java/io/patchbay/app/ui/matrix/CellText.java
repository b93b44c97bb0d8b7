package io.patchbay.app.ui.matrix;

import io.patchbay.model.matrix.MatrixCell;
import io.patchbay.model.matrix.MatrixRelease;
import io.patchbay.model.matrix.MatrixSite;
import io.patchbay.model.matrix.MatrixState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The words of a cell: short for the grid, full for the tooltip. Times in the user's zone. */
final class CellText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ENGLISH);

    private final Clock clock;

    CellText(Clock clock) {
        this.clock = clock;
    }

    /** What the cell shows: the state word and the one detail that fits, e.g. "sending 42%". */
    String shortText(MatrixCell cell) {
        MatrixState state = cell.state();
        switch (state) {
            case NONE:
                return "";
            case SENDING:
                return state.word() + " " + cell.percent() + "%";
            case RETRYING:
            case SCHEDULED:
                return cell.nextTime() == null ? state.word() : state.word() + " " + shortTime(cell.nextTime());
            default:
                return state.word();
        }
    }

    /** Everything known about the cell, one fact per line. */
    String tooltip(MatrixSite site, MatrixRelease release, MatrixCell cell) {
        StringBuilder text = new StringBuilder()
                .append(site.name()).append(" (").append(site.ring()).append(")  ·  ").append(release.label())
                .append("\nstate: ").append(cell.state().word());
        if (cell.state() == MatrixState.SENDING) {
            text.append(", ").append(cell.percent()).append("% sent");
        }
        if (cell.reason() != null) {
            text.append('\n').append(reasonLabel(cell.state())).append(": ").append(cell.reason());
        }
        if (cell.sent() != null) {
            text.append("\nsent: ").append(cell.sent());
        }
        if (cell.nextTime() != null) {
            text.append('\n').append(cell.state() == MatrixState.SCHEDULED ? "installs at" : "next try")
                    .append(": ").append(FULL.format(cell.nextTime().atZone(zone())));
        }
        if (cell.lastEvent() != null) {
            text.append("\nlast event: ");
            if (cell.lastEventAt() != null) {
                text.append(FULL.format(cell.lastEventAt().atZone(zone()))).append("  ");
            }
            text.append(cell.lastEvent());
        }
        return text.toString();
    }

    private static String reasonLabel(MatrixState state) {
        return state == MatrixState.WAITING ? "waiting for" : "why";
    }

    /** Within a day from now: the time; otherwise the date. */
    private String shortTime(Instant time) {
        Duration away = Duration.between(clock.instant(), time).abs();
        return (away.compareTo(Duration.ofHours(20)) < 0 ? TIME : DAY).format(time.atZone(zone()));
    }

    private ZoneId zone() {
        return clock.getZone();
    }
}
