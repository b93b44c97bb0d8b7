package io.patchbay.model.matrix;

import io.patchbay.model.report.InstallChance;

import java.time.Instant;
import java.util.Objects;

/**
 * What the matrix knows about one release on one site.
 *
 * @param state       where it stands
 * @param percent     upload progress 0..100 while {@link MatrixState#SENDING}; otherwise ignored
 * @param reason      one line saying why (refusal, waiting check, failure, hold); may be null
 * @param nextTime    the next try while retrying, the set time while scheduled; may be null
 * @param lastEvent   the latest event on this cell, as one line (e.g. "upload failed: connection
 *                    timed out"); may be null
 * @param lastEventAt when that event happened; may be null
 * @param nextChance  a waiting patch's next install chance as its agent reported it (site's zone, deciding
 *                    rule); null when the patch does not wait or the agent did not say
 * @param sent        which kit the outbox sent, e.g. "delta Spruce-12.10.11-12.10.12.delta.kit"; null when unknown
 */
public record MatrixCell(MatrixState state, int percent, String reason, Instant nextTime,
                         String lastEvent, Instant lastEventAt, InstallChance nextChance, String sent) {

    public MatrixCell(MatrixState state, int percent, String reason, Instant nextTime, String lastEvent,
                      Instant lastEventAt, InstallChance nextChance) {
        this(state, percent, reason, nextTime, lastEvent, lastEventAt, nextChance, null);
    }

    /** The cell of a release that is not meant for the site. */
    public static final MatrixCell NOT_TARGETED = new MatrixCell(MatrixState.NONE, 0, null, null, null, null);

    public MatrixCell(MatrixState state, int percent, String reason, Instant nextTime, String lastEvent,
                      Instant lastEventAt) {
        this(state, percent, reason, nextTime, lastEvent, lastEventAt, null);
    }

    public MatrixCell {
        Objects.requireNonNull(state, "state");
        percent = Math.max(0, Math.min(100, percent));
    }

    public static MatrixCell of(MatrixState state) {
        return state == MatrixState.NONE ? NOT_TARGETED : new MatrixCell(state, 0, null, null, null, null);
    }
}
