package io.patchbay.agent.run;

import io.patchbay.agent.install.InstallLauncher;
import io.patchbay.agent.install.InstallOutcome;
import io.patchbay.agent.install.InstallRequest;

import java.nio.file.Path;
import java.time.Duration;

/** Runs one installation to its outcome; the agent's only way to change the install root. */
@FunctionalInterface
public interface Installs {
    /** @throws io.patchbay.model.PatchbayException when it could not start (lock held, unfinished journal) */
    InstallOutcome install(InstallRequest request);

    /**
     * The real thing: a one-shot child JVM ({@link InstallLauncher}), waiting up to {@code lockWait} for another
     * installation on the site to end, and up to {@code timeout} for this one.
     */
    static Installs childProcess(Path agentHome, Duration lockWait, Duration timeout) {
        InstallLauncher launcher = new InstallLauncher(agentHome, lockWait);
        return request -> launcher.install(request, timeout);
    }
}
