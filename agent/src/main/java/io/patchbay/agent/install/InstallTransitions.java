package io.patchbay.agent.install;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.patchbay.agent.install.InstallEvent.DONE;
import static io.patchbay.agent.install.InstallEvent.FAILED;
import static io.patchbay.agent.install.InstallEvent.GAVE_UP;
import static io.patchbay.agent.install.InstallEvent.RESUMED;
import static io.patchbay.agent.install.InstallState.APPLY;
import static io.patchbay.agent.install.InstallState.BACKUP;
import static io.patchbay.agent.install.InstallState.CLEANUP;
import static io.patchbay.agent.install.InstallState.COMMIT;
import static io.patchbay.agent.install.InstallState.INSTALLED;
import static io.patchbay.agent.install.InstallState.INSTALL_HOOK;
import static io.patchbay.agent.install.InstallState.POST_BACKUP;
import static io.patchbay.agent.install.InstallState.PRE_INSTALL;
import static io.patchbay.agent.install.InstallState.ROLLBACK;
import static io.patchbay.agent.install.InstallState.ROLLED_BACK;
import static io.patchbay.agent.install.InstallState.STAGED;
import static io.patchbay.agent.install.InstallState.VERIFY_HOOK;

/**
 * The whole installation as one table of {@code from, event, to} (after Mender's state_machine.cpp).
 * Every state has a failure edge. RESUMED edges say where a start-up continues after a process died:
 * anything before the commit goes back to the old state, anything after it finishes the new one.
 */
public final class InstallTransitions {

    /** One row of the table. */
    public record Transition(InstallState from, InstallEvent event, InstallState to) {
    }

    public static final List<Transition> TABLE = List.of(
            // from           event    to
            t(STAGED,         DONE,    PRE_INSTALL),
            t(STAGED,         FAILED,  ROLLBACK),      // nothing changed yet: the rollback has nothing to undo
            t(STAGED,         RESUMED, ROLLBACK),
            t(PRE_INSTALL,    DONE,    BACKUP),
            t(PRE_INSTALL,    FAILED,  ROLLBACK),
            t(PRE_INSTALL,    RESUMED, ROLLBACK),
            t(BACKUP,         DONE,    APPLY),
            t(BACKUP,         FAILED,  ROLLBACK),
            t(BACKUP,         RESUMED, ROLLBACK),
            t(APPLY,          DONE,    INSTALL_HOOK),
            t(APPLY,          FAILED,  ROLLBACK),
            t(APPLY,          RESUMED, ROLLBACK),
            t(INSTALL_HOOK,   DONE,    VERIFY_HOOK),
            t(INSTALL_HOOK,   FAILED,  ROLLBACK),
            t(INSTALL_HOOK,   RESUMED, ROLLBACK),
            t(VERIFY_HOOK,    DONE,    POST_BACKUP),
            t(VERIFY_HOOK,    FAILED,  ROLLBACK),
            t(VERIFY_HOOK,    RESUMED, ROLLBACK),
            t(POST_BACKUP,    DONE,    COMMIT),
            t(POST_BACKUP,    FAILED,  ROLLBACK),
            t(POST_BACKUP,    RESUMED, ROLLBACK),
            t(COMMIT,         DONE,    CLEANUP),
            t(COMMIT,         FAILED,  ROLLBACK),      // the commit record could not be written: still the old state
            t(COMMIT,         RESUMED, CLEANUP),       // the commit record is on disk: the new state stands
            t(CLEANUP,        DONE,    INSTALLED),
            t(CLEANUP,        FAILED,  INSTALLED),     // leftovers are only temp files; never undo a committed install
            t(CLEANUP,        RESUMED, CLEANUP),
            t(ROLLBACK,       DONE,    ROLLED_BACK),
            t(ROLLBACK,       FAILED,  InstallState.FAILED),
            t(ROLLBACK,       RESUMED, ROLLBACK),      // every restore step is idempotent: run it again
            // An outcome already on disk whose journal was not yet archived: report it again.
            t(INSTALLED,      RESUMED, INSTALLED),
            t(ROLLED_BACK,    RESUMED, ROLLED_BACK),
            t(InstallState.FAILED, RESUMED, InstallState.FAILED));

    private static final Map<InstallState, Map<InstallEvent, InstallState>> INDEX = index();

    private InstallTransitions() {
    }

    /**
     * The state after {@code event} in {@code from}. A journal state this version does not know is passed
     * as null and resumes as a rollback; GAVE_UP ends in FAILED from anywhere (the loop counter).
     */
    public static InstallState next(InstallState from, InstallEvent event) {
        if (event == GAVE_UP) {
            return InstallState.FAILED;
        }
        if (from == null) {
            return ROLLBACK;
        }
        InstallState to = INDEX.getOrDefault(from, Map.of()).get(event);
        if (to == null) {
            throw new IllegalStateException("no transition from " + from + " on " + event);
        }
        return to;
    }

    private static Transition t(InstallState from, InstallEvent event, InstallState to) {
        return new Transition(from, event, to);
    }

    private static Map<InstallState, Map<InstallEvent, InstallState>> index() {
        Map<InstallState, Map<InstallEvent, InstallState>> map = new EnumMap<>(InstallState.class);
        for (Transition row : TABLE) {
            InstallState previous = map.computeIfAbsent(row.from(), s -> new EnumMap<>(InstallEvent.class))
                    .put(row.event(), row.to());
            if (previous != null) {
                throw new IllegalStateException("two transitions from " + row.from() + " on " + row.event());
            }
        }
        return map;
    }
}
