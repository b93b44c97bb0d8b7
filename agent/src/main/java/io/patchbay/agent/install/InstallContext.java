package io.patchbay.agent.install;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The parts of a request the steps need, which the journal also carries, so a start-up after a crash can
 * finish or undo an installation without the manifest.
 */
record InstallContext(String product, String version, Path staging, Path kit, Path installRoot, Path dataRoot,
                      Duration hookTimeout) {

    static InstallContext of(InstallRequest r) {
        return new InstallContext(r.manifest().product(), r.manifest().version().toString(), r.staging(), r.kit(),
                r.installRoot(), r.dataRoot(), r.hookTimeout());
    }

    static InstallContext of(Journal j) {
        return new InstallContext(j.product(), j.version(), Path.of(j.staging()),
                j.kit() == null ? null : Path.of(j.kit()), Path.of(j.installRoot()),
                j.dataRoot() == null ? null : Path.of(j.dataRoot()), Duration.ofMillis(j.hookTimeoutMillis()));
    }

    Path payloadDir() {
        return staging.resolve("payload");
    }

    Path dataDir() {
        return staging.resolve("data");
    }

    Path hooksDir() {
        return staging.resolve("hooks");
    }
}
