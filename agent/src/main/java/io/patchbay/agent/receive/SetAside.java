package io.patchbay.agent.receive;

import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.log.AgentLog;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.io.FileHashes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a refused notice goes (a pull notice, a rotation statement): {@code rejected/<name>} with
 * {@code <name>.reason.txt} beside it, as a refused kit, so support finds the file and why. A second refused file
 * of the same name gets a part of its SHA-256 in its name rather than replacing the first.
 */
final class SetAside {
    private SetAside() {
    }

    static void refused(AgentHome home, Path file, String name, String suffix, String why) throws IOException {
        Files.createDirectories(home.rejected());
        Path target = home.rejected().resolve(name);
        if (Files.exists(target)) {
            String stem = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
            target = home.rejected().resolve(stem + "-" + FileHashes.sha256(file).substring(0, 12) + suffix);
        }
        AtomicFiles.moveAtomically(file, target);
        AtomicFiles.write(target.resolveSibling(target.getFileName() + ".reason.txt"),
                (why + "\n").getBytes(StandardCharsets.UTF_8));
        AgentLog.of(home).event(AgentLog.Event.REFUSE, name + ": " + why);
    }
}
