package io.patchbay.model.workspace;

import java.time.Instant;

/**
 * One line of the audit log: what happened, to what, by whom, when.
 *
 * @param id      increasing in the order events were written
 * @param at      when it happened
 * @param actor   who did it: a person's user name or a worker's id
 * @param kind    what happened, e.g. {@code delivery.delivered} (see {@link EventKind})
 * @param subject what it happened to, e.g. {@code Spruce 12.10.11 -> alpha}
 * @param detail  one line more, e.g. the reason; may be null
 */
public record Event(long id, Instant at, String actor, String kind, String subject, String detail) {
}
