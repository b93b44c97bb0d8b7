package io.patchbay.model.workspace;

import java.time.Instant;

/**
 * Which events to list; every filter is optional (null: any).
 *
 * @param kind          exact kind, or a prefix ending in a dot ({@code delivery.}) for a family
 * @param subject       the subject contains this text
 * @param from          at or after
 * @param until         before
 * @param afterId       only events newer than this id (for following the log); 0 for all
 * @param limit         at most this many, newest first
 */
public record EventQuery(String kind, String subject, Instant from, Instant until, long afterId, int limit) {
    public static final int DEFAULT_LIMIT = 1000;

    public EventQuery {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    public static EventQuery all() {
        return new EventQuery(null, null, null, null, 0, DEFAULT_LIMIT);
    }

    public EventQuery kind(String value) {
        return new EventQuery(value, subject, from, until, afterId, limit);
    }

    public EventQuery subject(String value) {
        return new EventQuery(kind, value, from, until, afterId, limit);
    }

    public EventQuery between(Instant fromInclusive, Instant untilExclusive) {
        return new EventQuery(kind, subject, fromInclusive, untilExclusive, afterId, limit);
    }

    public EventQuery after(long id) {
        return new EventQuery(kind, subject, from, until, id, limit);
    }

    public EventQuery limit(int value) {
        return new EventQuery(kind, subject, from, until, afterId, value);
    }
}
