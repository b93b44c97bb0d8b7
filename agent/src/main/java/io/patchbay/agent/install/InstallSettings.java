package io.patchbay.agent.install;

import java.time.Clock;
import java.time.Duration;

/**
 * How the installer behaves on this site.
 *
 * @param lockWait      how long a second installation waits for the running one before it is refused
 * @param maxRecoveries start-ups that may try to finish one journal; beyond that it is FAILED (a crash loop)
 * @param applyThreads  files written in parallel during apply
 * @param keptBackups   the backups of this many latest successful installations stay; older ones are deleted
 * @param clock         the clock for start and finish times
 */
public record InstallSettings(Duration lockWait, int maxRecoveries, int applyThreads, int keptBackups, Clock clock) {
    public static final int DEFAULT_KEPT_BACKUPS = 3;

    public InstallSettings {
        if (maxRecoveries < 1 || applyThreads < 1 || keptBackups < 1) {
            throw new IllegalArgumentException("maxRecoveries, applyThreads and keptBackups must be at least 1");
        }
    }

    public static InstallSettings defaults() {
        return new InstallSettings(Duration.ZERO, 3, 8, DEFAULT_KEPT_BACKUPS, Clock.systemUTC());
    }

    public InstallSettings withLockWait(Duration wait) {
        return new InstallSettings(wait, maxRecoveries, applyThreads, keptBackups, clock);
    }

    public InstallSettings withKeptBackups(int kept) {
        return new InstallSettings(lockWait, maxRecoveries, applyThreads, kept, clock);
    }
}
