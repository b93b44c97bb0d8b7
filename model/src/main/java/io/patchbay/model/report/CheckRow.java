package io.patchbay.model.report;

import java.time.Instant;

/**
 * One rule evaluated for one patch, recorded as a status row.
 *
 * @param check   the rule's name, e.g. {@code install-window}
 * @param outcome pass, wait or stop
 * @param reason  one line a person understands, e.g. "outside the install window 22:00-07:00"
 * @param at      when it was evaluated
 */
public record CheckRow(String check, CheckOutcome outcome, String reason, Instant at) {
}
