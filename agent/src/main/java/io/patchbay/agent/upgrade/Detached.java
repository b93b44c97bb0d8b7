package io.patchbay.agent.upgrade;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a process in a session of its own ({@code setsid}, where there is one), its output appended to a file and
 * no input: it outlives whoever started it, and a signal to the starter's process group does not reach it.
 */
final class Detached {
    private static final File SETSID = new File("/usr/bin/setsid");

    private Detached() {
    }

    static Process start(List<String> command, Path output) throws IOException {
        List<String> full = new ArrayList<>();
        if (SETSID.canExecute()) {
            full.add(SETSID.getPath());
        }
        full.addAll(command);
        Files.createDirectories(output.toAbsolutePath().getParent());
        return new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }
}
