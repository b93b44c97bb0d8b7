package io.patchbay.agent.pkg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's build outputs under agent/target, as `mvn -DskipTests package` leaves them. */
record AgentBuild(Path target, String version) {
    static AgentBuild current() {
        String target = System.getProperty("patchbay.agent.target");
        String version = System.getProperty("patchbay.version");
        assertTrue(target != null && version != null, "patchbay.agent.target/patchbay.version are not set (run through Maven)");
        AgentBuild build = new AgentBuild(Path.of(target).toAbsolutePath().normalize(), version);
        assertTrue(Files.isExecutable(build.launcher()), "the agent distribution is not built: " + build.launcher()
                + " (mvn -DskipTests package builds it)");
        return build;
    }

    Path distribution() {
        return target.resolve("patchbay-agent");
    }

    Path launcher() {
        return distribution().resolve("bin/patchbay-agent");
    }

    /** Debian's form of a Maven version: a SNAPSHOT sorts before its release ({@code 0.1.0~SNAPSHOT}). */
    String debianVersion() {
        return version.replace("-SNAPSHOT", "~SNAPSHOT");
    }

    Path deb() {
        return target.resolve("patchbay-agent_" + debianVersion() + "_all.deb");
    }

    Path tarball() {
        return target.resolve("patchbay-agent-" + version + ".tar.gz");
    }

    static long size(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
