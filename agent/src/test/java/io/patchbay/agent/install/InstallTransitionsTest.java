package io.patchbay.agent.install;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static io.patchbay.agent.install.InstallEvent.DONE;
import static io.patchbay.agent.install.InstallEvent.FAILED;
import static io.patchbay.agent.install.InstallEvent.GAVE_UP;
import static io.patchbay.agent.install.InstallEvent.RESUMED;
import static org.junit.jupiter.api.Assertions.assertEquals;

class InstallTransitionsTest {

    @Test
    void successWalksTheStepsOfTheDesignInOrder() {
        List<InstallState> walked = new java.util.ArrayList<>();
        InstallState s = InstallState.STAGED;
        while (!s.isOutcome()) {
            walked.add(s);
            s = InstallTransitions.next(s, DONE);
        }
        assertEquals(List.of(InstallState.STAGED, InstallState.PRE_INSTALL, InstallState.BACKUP, InstallState.APPLY,
                InstallState.INSTALL_HOOK, InstallState.VERIFY_HOOK, InstallState.POST_BACKUP, InstallState.COMMIT,
                InstallState.CLEANUP), walked);
        assertEquals(InstallState.INSTALLED, s);
    }

    @Test
    void everyFailureBeforeTheCommitRollsBackAndAFailedRollbackNeedsAPerson() {
        for (InstallState s : EnumSet.range(InstallState.STAGED, InstallState.COMMIT)) {
            assertEquals(InstallState.ROLLBACK, InstallTransitions.next(s, FAILED), s.name());
        }
        assertEquals(InstallState.ROLLED_BACK, InstallTransitions.next(InstallState.ROLLBACK, DONE));
        assertEquals(InstallState.FAILED, InstallTransitions.next(InstallState.ROLLBACK, FAILED));
    }

    @Test
    void startUpRollsBackAnythingBeforeTheCommitAndFinishesAnythingAfterIt() {
        for (InstallState s : EnumSet.range(InstallState.STAGED, InstallState.POST_BACKUP)) {
            assertEquals(InstallState.ROLLBACK, InstallTransitions.next(s, RESUMED), s.name());
        }
        assertEquals(InstallState.CLEANUP, InstallTransitions.next(InstallState.COMMIT, RESUMED));
        assertEquals(InstallState.CLEANUP, InstallTransitions.next(InstallState.CLEANUP, RESUMED));
        assertEquals(InstallState.ROLLBACK, InstallTransitions.next(InstallState.ROLLBACK, RESUMED));
        assertEquals(InstallState.INSTALLED, InstallTransitions.next(InstallState.CLEANUP, FAILED),
                "a committed install is never undone");
    }

    @Test
    void unknownJournalStateResumesAsARollbackAndTheLoopCounterEndsInFailed() {
        assertEquals(InstallState.ROLLBACK, InstallTransitions.next(InstallState.fromJournal("MIGRATE_V9"), RESUMED));
        for (InstallState s : InstallState.values()) {
            assertEquals(InstallState.FAILED, InstallTransitions.next(s, GAVE_UP), s.name());
        }
    }

    @Test
    void everyStateHasAFailureAndAResumeEdge() {
        for (InstallState s : InstallState.values()) {
            if (!s.isOutcome()) {
                InstallTransitions.next(s, FAILED);
            }
            InstallTransitions.next(s, RESUMED);
        }
    }
}
