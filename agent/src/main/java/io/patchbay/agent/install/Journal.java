package io.patchbay.agent.install;

import java.time.Instant;
import java.util.List;

/**
 * What an installation has done so far, persisted (as JSON) before every step that cannot be undone, so a
 * start-up after a crash knows what to finish or undo. Values only: {@link JournalStore} reads and writes it.
 *
 * @param schema      the journal format
 * @param id          the attempt's number
 * @param state       the state being run (an {@link InstallState} name; unknown names resume as a rollback)
 * @param reached     the last forward state entered, for the report
 * @param product     the release's product
 * @param version     the release's version
 * @param installRoot the install root
 * @param dataRoot    the data root, or null
 * @param staging     the staged kit
 * @param kit         the kit file the staging came from, or null (see {@link InstallRequest#kit()})
 * @param backupData  whether the data root is copied into the backup
 * @param hookTimeoutMillis how long each hook may run
 * @param reason      why the installation is rolling back (or why the post-install hook failed), or null
 * @param recoveries  start-ups that found this journal unfinished: the loop counter
 * @param startedAt   when the installation started
 * @param plan        every file apply changes, written before the first one is touched; null before that
 * @param createdDirs root-relative folders apply creates (each the topmost missing one); a rollback deletes them
 */
public record Journal(
        int schema, long id, String state, String reached, String product, String version,
        String installRoot, String dataRoot, String staging, String kit, boolean backupData, long hookTimeoutMillis,
        String reason, int recoveries, Instant startedAt, List<PlanEntry> plan, List<PlanEntry> createdDirs) {

    public static final int SCHEMA = 1;

    Journal at(InstallState next) {
        String newReached = next.ordinal() <= InstallState.CLEANUP.ordinal() ? next.name() : reached;
        return new Journal(schema, id, next.name(), newReached, product, version, installRoot, dataRoot, staging, kit,
                backupData, hookTimeoutMillis, reason, recoveries, startedAt, plan, createdDirs);
    }

    Journal withReason(String why) {
        return new Journal(schema, id, state, reached, product, version, installRoot, dataRoot, staging, kit,
                backupData, hookTimeoutMillis, why, recoveries, startedAt, plan, createdDirs);
    }

    Journal withPlan(List<PlanEntry> entries, List<PlanEntry> dirs) {
        return new Journal(schema, id, state, reached, product, version, installRoot, dataRoot, staging, kit,
                backupData, hookTimeoutMillis, reason, recoveries, startedAt, List.copyOf(entries), List.copyOf(dirs));
    }

    Journal recoveredOnceMore() {
        return new Journal(schema, id, state, reached, product, version, installRoot, dataRoot, staging, kit,
                backupData, hookTimeoutMillis, reason, recoveries + 1, startedAt, plan, createdDirs);
    }

    /** The state to resume from, or null when this version does not know it. */
    InstallState currentState() {
        return InstallState.fromJournal(state);
    }

    String reachedStep() {
        InstallState s = InstallState.fromJournal(reached);
        return s == null ? reached : s.step();
    }
}
