package io.patchbay.agent.registry;

import io.patchbay.model.report.PatchState;

import java.util.List;
import java.util.Objects;

import static io.patchbay.agent.registry.PatchEvent.DECIDED;
import static io.patchbay.agent.registry.PatchEvent.DELTA_REFUSED;
import static io.patchbay.agent.registry.PatchEvent.INSTALL_ENDED;
import static io.patchbay.agent.registry.PatchEvent.INSTALL_INTERRUPTED;
import static io.patchbay.agent.registry.PatchEvent.INSTALL_NOT_STARTED;
import static io.patchbay.agent.registry.PatchEvent.INSTALL_STARTED;
import static io.patchbay.agent.registry.PatchEvent.REFUSED_ON_RECEIPT;
import static io.patchbay.agent.registry.PatchEvent.REGISTERED;
import static io.patchbay.agent.registry.PatchEvent.ROLLED_BACK_BY_OPERATOR;
import static io.patchbay.agent.registry.PatchEvent.TAKE_FAILED;
import static io.patchbay.model.report.PatchState.FAILED;
import static io.patchbay.model.report.PatchState.HELD;
import static io.patchbay.model.report.PatchState.INSTALLED;
import static io.patchbay.model.report.PatchState.INSTALLING;
import static io.patchbay.model.report.PatchState.PULLED;
import static io.patchbay.model.report.PatchState.RECEIVED;
import static io.patchbay.model.report.PatchState.REJECTED;
import static io.patchbay.model.report.PatchState.ROLLED_BACK;
import static io.patchbay.model.report.PatchState.SCHEDULED;
import static io.patchbay.model.report.PatchState.SITE_FAILURE;
import static io.patchbay.model.report.PatchState.UP_TO_DATE;
import static io.patchbay.model.report.PatchState.WAITING;

/**
 * A patch's whole life on its site as one table of {@code from, event, to}, like {@code InstallTransitions} for one
 * installation. {@link RegistryStore#transition} is the one place that applies it: it refuses a change the table
 * does not hold and writes the new state before the change takes effect (INSTALLING is on disk before the
 * installation starts, so a killed agent's next start finds it and recovers).
 *
 * <p>{@code from} is null for a kit not in the registry yet. Two states are not stored in a record:
 * <ul>
 *   <li>site failure: this machine failed while taking the kit; it is reported, never registered, and the kit stays
 *       in the inbox, so the next try starts again from "not in the registry";</li>
 *   <li>superseded: an installed patch whose product now runs a newer version ({@link Registry#supersededBy}); its
 *       record stays installed (that is its history) and leaves that state only when an operator rolls back to it
 *       (installed to installing) or back from it (installed to rolled back).</li>
 * </ul>
 * Refused maps to REJECTED: final when the kit was refused, on receipt or (a delta kit) when its installation was to
 * start (no row leaves it for such a record), decided again when a decision refused it (a downgrade may become
 * allowed by a forced rollback).
 */
public final class PatchLifecycle {

    /** One row of the table. */
    public record Transition(PatchState from, PatchEvent event, PatchState to) {
        public Transition {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(to, "to");
        }
    }

    /** The states a decision leaves a patch in when it does not install now ({@code Decision.reportState}). */
    private static final List<PatchState> DECIDED_STATES = List.of(WAITING, SCHEDULED, HELD, PULLED, UP_TO_DATE, REJECTED);

    public static final List<Transition> TABLE = table();

    private PatchLifecycle() {
    }

    private static List<Transition> table() {
        List<Transition> rows = new java.util.ArrayList<>(List.of(
                // from          event                    to
                t(null,          REGISTERED,              RECEIVED),
                t(null,          REFUSED_ON_RECEIPT,      REJECTED),
                t(null,          TAKE_FAILED,             SITE_FAILURE),  // reported, never stored: see above

                // A pulled release stays pulled: pull notices are never withdrawn. Only up-to-date comes first.
                t(PULLED,        DECIDED,                 PULLED),
                t(PULLED,        DECIDED,                 UP_TO_DATE),

                t(INSTALLING,    INSTALL_NOT_STARTED,     WAITING),
                t(INSTALLING,    INSTALL_INTERRUPTED,     WAITING),
                t(INSTALLING,    DELTA_REFUSED,           REJECTED),   // final: the full kit of the release will do
                t(INSTALLING,    INSTALL_ENDED,           INSTALLED),
                t(INSTALLING,    INSTALL_ENDED,           ROLLED_BACK),
                t(INSTALLING,    INSTALL_ENDED,           FAILED),     // the restore failed too: a person must look

                // Superseded (installed) again on an operator's rollback to it; the newer one is rolled back.
                t(INSTALLED,     INSTALL_STARTED,         INSTALLING),
                t(INSTALLED,     ROLLED_BACK_BY_OPERATOR, ROLLED_BACK),
                // An operator retries a failed installation with 'agent install' (never on its own).
                t(ROLLED_BACK,   INSTALL_STARTED,         INSTALLING),
                t(FAILED,        INSTALL_STARTED,         INSTALLING)));
        // Every state a tick decides again: received, waiting, scheduled, held, refused by a decision.
        for (PatchState from : List.of(RECEIVED, WAITING, SCHEDULED, HELD, REJECTED)) {
            for (PatchState to : DECIDED_STATES) {
                rows.add(t(from, DECIDED, to));
            }
            rows.add(t(from, INSTALL_STARTED, INSTALLING));
        }
        return List.copyOf(rows);
    }

    /** Whether the table holds {@code from -> to} on {@code event} ({@code from} null: not registered yet). */
    public static boolean allows(PatchState from, PatchEvent event, PatchState to) {
        return TABLE.contains(new Transition(from, event, to));
    }

    /**
     * Refuses a change of {@code patch} (null: not registered yet) into {@code after} on {@code event} that the
     * table does not hold. A patch whose kit was refused never changes again.
     */
    public static void check(PatchRecord before, PatchEvent event, PatchRecord after) {
        PatchState from = before == null ? null : before.state();
        boolean finalRefusal = before != null && before.kitRefused() && from != after.state();
        if (finalRefusal || !allows(from, event, after.state())) {
            throw new IllegalTransition(after.title() + ": no transition from "
                    + (from == null ? "not registered" : from.word()) + " to " + after.state().word()
                    + " on \"" + event.words() + "\"" + (finalRefusal ? " (a refused kit is final)" : ""));
        }
    }

    private static Transition t(PatchState from, PatchEvent event, PatchState to) {
        return new Transition(from, event, to);
    }
}
