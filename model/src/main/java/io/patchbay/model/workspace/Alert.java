package io.patchbay.model.workspace;

import java.time.Instant;

/**
 * Something the workstation wants a person to act on, shown in {@code patchbay status} and the client and
 * mailed once to the support address.
 *
 * @param kind      what kind of trouble
 * @param subject   what it is about, e.g. {@code Spruce 12.10.11 -> acme-paris}, {@code rollout 3}
 * @param message   one line saying what happened and since when
 * @param mailedAt  when it was mailed; null until it was
 * @param clearedAt when its condition went away; null while open
 * @param supportMail the support address of the release it is about (comma-separated), or null: the
 *                    workspace's support address then
 */
public record Alert(long id, AlertKind kind, String subject, String message, Instant raisedAt, Instant mailedAt,
                    Instant clearedAt, String supportMail) {
    public boolean open() {
        return clearedAt == null;
    }
}
