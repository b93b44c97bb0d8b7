package io.patchbay.agent.install;

import java.nio.file.Path;

/** Where the installer keeps its files inside the agent home. */
final class AgentHomeLayout {
    private final Path home;

    AgentHomeLayout(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    Path home() {
        return home;
    }

    Path installDir() {
        return home.resolve("install");
    }

    Path journal() {
        return installDir().resolve("journal.json");
    }

    /** Applied-file count of the running apply step, for progress and post-mortems. */
    Path applyProgress() {
        return installDir().resolve("apply-progress.json");
    }

    Path lockFile() {
        return installDir().resolve("install.lock");
    }

    Path lockHolder() {
        return installDir().resolve("install.lock.json");
    }

    Path logs() {
        return installDir().resolve("logs");
    }

    Path history() {
        return installDir().resolve("history");
    }

    Path backups() {
        return home.resolve("backups");
    }

    Path backup(long id) {
        return backups().resolve(Long.toString(id));
    }

    /** Old files moved aside by apply, by root: {@code backups/<id>/pre/install/...}. */
    Path preBackup(long id, String root) {
        return backup(id).resolve("pre").resolve(root);
    }

    /** The whole data root, copied when the manifest asks for it. */
    Path dataRootCopy(long id) {
        return backup(id).resolve("data-root");
    }

    /** Written once the data root copy is complete; only a complete copy is ever restored. */
    Path dataRootCopyComplete(long id) {
        return backup(id).resolve("data-root.complete");
    }

    /** The new state of the changed files, kept for support. */
    Path postBackup(long id, String root) {
        return backup(id).resolve("post").resolve(root);
    }
}
