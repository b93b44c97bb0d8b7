package io.patchbay.app.report;

import io.patchbay.model.matrix.MatrixState;
import io.patchbay.model.workspace.MatrixCell;

import java.util.List;

/**
 * The states a summary counts together: in the outbox, delivered, waiting to install, installed, failed
 * (failed, rolled back after a failed installation, or refused), rolled back by an operator (a choice, not a
 * failure), held (held or pulled).
 */
public enum StateGroups {
    IN_OUTBOX("In outbox"), DELIVERED("Delivered"), WAITING("Waiting"), INSTALLED("Installed"), FAILED("Failed"),
    OPERATOR_ROLLBACK("Rolled back by operator"), HELD("Held");

    private final String title;

    StateGroups(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** The titles, in column order. */
    public static List<String> titles() {
        return java.util.Arrays.stream(values()).map(StateGroups::title).toList();
    }

    /** The group a cell counts in, or null for a cell not targeted. */
    public static StateGroups of(MatrixCell cell, boolean operatorRollback) {
        MatrixState state = cell.state();
        return switch (state) {
            case NONE -> null;
            case QUEUED, SENDING, RETRYING, AWAITING_BUNDLE -> IN_OUTBOX;
            case DELIVERED, BUNDLED -> DELIVERED; // handed over: out of the outbox, not yet reported
            case WAITING, SCHEDULED, INSTALLING -> WAITING;
            case INSTALLED -> INSTALLED;
            case ROLLED_BACK -> operatorRollback ? OPERATOR_ROLLBACK : FAILED;
            case FAILED, REJECTED -> FAILED;
            case HELD, PULLED -> HELD;
        };
    }
}
