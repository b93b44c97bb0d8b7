package io.patchbay.agent.install;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The one-shot installer: a separate JVM, so an install that restarts services (or the agent itself) is
 * not cut off by its own work. Usage:
 * <pre>
 *   InstallProcess install AGENT_HOME REQUEST_JSON RESULT_JSON
 *   InstallProcess recover AGENT_HOME RESULT_JSON
 * </pre>
 * It writes a {@link ProcessResult} to RESULT_JSON and exits 0 (an outcome, or nothing to recover), 1 (refused)
 * or 2 (bad arguments or an unexpected error). {@link InstallLauncher} starts it and reads the result.
 * The system property {@value #LOCK_WAIT} sets how long it waits for the installation lock.
 */
public final class InstallProcess {
    public static final String LOCK_WAIT = "patchbay.install.lockWaitMillis";
    private static final Logger LOG = LoggerFactory.getLogger(InstallProcess.class);

    private InstallProcess() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        boolean install = args.length == 4 && args[0].equals("install");
        boolean recover = args.length == 3 && args[0].equals("recover");
        if (!install && !recover) {
            LOG.error("usage: InstallProcess install HOME REQUEST RESULT | recover HOME RESULT");
            return 2;
        }
        Path home = Path.of(args[1]);
        Path result = Path.of(args[args.length - 1]);
        InstallSettings settings = InstallSettings.defaults()
                .withLockWait(Duration.ofMillis(Long.getLong(LOCK_WAIT, 0L)));
        Installer installer = new Installer(home, settings);
        try {
            ProcessResult outcome = install
                    ? new ProcessResult(installer.install(RequestFile.read(Path.of(args[2]))), null)
                    : new ProcessResult(installer.recover().orElse(null), null);
            write(result, outcome);
            return 0;
        } catch (PatchbayException e) {
            write(result, new ProcessResult(null, e.getMessage()));
            return 1;
        } catch (RuntimeException e) {
            LOG.error("the install process failed", e);
            write(result, new ProcessResult(null, "the install process failed: " + e));
            return 2;
        }
    }

    private static void write(Path file, ProcessResult result) {
        try {
            AtomicFiles.write(file, Json.mapper().writeValueAsBytes(result));
        } catch (IOException e) {
            LOG.error("cannot write the result file {}", file, e);
        }
    }
}
