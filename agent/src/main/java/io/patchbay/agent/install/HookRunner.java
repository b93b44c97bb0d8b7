package io.patchbay.agent.install;

import io.patchbay.model.PatchbayException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the kit's hooks ({@code hooks/<name>} in the staging folder) with a timeout, in the staging
 * folder, with the PATCHBAY_* variables set. Its output (stdout and stderr together) goes to a log file in
 * the agent home, cut at {@link #LOG_CAP} bytes. A non-zero exit, a timeout or a hook that cannot start
 * fails with a one-line reason naming the hook, the exit code and its last line of output. From the
 * {@code install} hook on, the payload has been moved into the install root (see {@link StagedKit}).
 */
final class HookRunner {
    static final long LOG_CAP = 1 << 20;
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final InstallContext request;
    private final Path logDir;
    private final long id;

    HookRunner(InstallContext request, Path logDir, long id) {
        this.request = request;
        this.logDir = logDir;
        this.id = id;
    }

    /** Runs the hook if the kit has one; does nothing otherwise. */
    void runIfPresent(String name) throws IOException {
        Path hook = request.hooksDir().resolve(name);
        if (!Files.isRegularFile(hook)) {
            return;
        }
        makeExecutable(hook);
        Files.createDirectories(logDir);
        Path log = logDir.resolve(id + "-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(hook.toString())
                .directory(request.staging().toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PATCHBAY_INSTALL_ROOT", request.installRoot().toString());
        env.put("PATCHBAY_DATA_ROOT", request.dataRoot() == null ? "" : request.dataRoot().toString());
        env.put("PATCHBAY_STAGING", request.staging().toString());
        env.put("PATCHBAY_VERSION", request.version());
        env.put("PATCHBAY_PRODUCT", request.product());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new PatchbayException("hook " + name + " could not start: " + e.getMessage(), e);
        }
        process.getOutputStream().close();
        OutputCapture capture = new OutputCapture(process.getInputStream(), log);
        Thread reader = new Thread(capture, "hook-" + name + "-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished;
        String timedOutLastLine = "";
        try {
            finished = process.waitFor(request.hookTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                timedOutLastLine = capture.lastLine(); // before the kill: a shell then prints "Killed"
                // Children first: a shell's `sleep` would otherwise keep the output pipe open.
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
            }
            reader.join(DRAIN.toMillis());
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new PatchbayException("hook " + name + " was interrupted", e);
        }
        String last = capture.lastLine();
        String tail = last.isEmpty() ? "" : ": " + last;
        if (!finished) {
            throw new PatchbayException("hook " + name + " timed out after " + request.hookTimeout().toSeconds()
                    + " s" + (timedOutLastLine.isEmpty() ? "" : ": " + timedOutLastLine));
        }
        if (process.exitValue() != 0) {
            throw new PatchbayException("hook " + name + " failed with exit code " + process.exitValue() + tail);
        }
    }

    private static void makeExecutable(Path hook) throws IOException {
        // A kit's ZIP entries need not carry the executable bit; the staging folder is ours to change.
        try {
            Set<PosixFilePermission> perms = new HashSet<>(Files.getPosixFilePermissions(hook));
            if (perms.add(PosixFilePermission.OWNER_EXECUTE)) {
                Files.setPosixFilePermissions(hook, perms);
            }
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: executability comes from the file name there
        }
    }

    /** Copies a hook's output into its log up to the cap, drains the rest, and remembers the last line. */
    private static final class OutputCapture implements Runnable {
        private final InputStream in;
        private final Path log;
        private final StringBuilder line = new StringBuilder();
        private volatile String lastLine = "";

        OutputCapture(InputStream in, Path log) {
            this.in = in;
            this.log = log;
        }

        @Override
        public void run() {
            try (InputStream input = in;
                 OutputStream out = Files.newOutputStream(log, StandardOpenOption.CREATE,
                         StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[8192];
                long written = 0;
                int n;
                while ((n = input.read(buffer)) > 0) {
                    if (written < LOG_CAP) {
                        int keep = (int) Math.min(n, LOG_CAP - written);
                        out.write(buffer, 0, keep);
                        written += keep;
                        if (written == LOG_CAP) {
                            out.write("\n[output cut at 1 MiB]\n".getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    track(buffer, n);
                }
            } catch (IOException ignored) {
                // the pipe closes when the hook is killed; what was read is kept
            }
            finishLine();
        }

        private void track(byte[] buffer, int n) {
            String text = new String(buffer, 0, n, StandardCharsets.UTF_8);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r') {
                    finishLine();
                } else if (line.length() < 500) {
                    line.append(c);
                }
            }
        }

        private void finishLine() {
            String s = line.toString().strip();
            if (!s.isEmpty()) {
                lastLine = s;
            }
            line.setLength(0);
        }

        String lastLine() {
            return lastLine;
        }
    }
}
