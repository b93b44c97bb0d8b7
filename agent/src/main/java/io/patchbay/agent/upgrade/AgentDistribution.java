package io.patchbay.agent.upgrade;

import io.patchbay.model.PatchbayException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** An agent distribution folder: {@code bin/patchbay-agent} and {@code lib/*.jar}. */
public record AgentDistribution(Path dir) {
    /** Set by the launcher: the distribution the running agent was started from. */
    public static final String PROPERTY = "patchbay.agent.dist";
    /** The top-level entries a distribution consists of, and which an upgrade swaps. */
    static final List<String> ENTRIES = List.of("bin", "lib");

    public AgentDistribution {
        dir = dir.toAbsolutePath().normalize();
    }

    /** The distribution this JVM runs from; empty in the workstation or a test run from classes. */
    public static Optional<AgentDistribution> running() {
        String d = System.getProperty(PROPERTY);
        return d == null || d.isBlank() ? Optional.empty() : Optional.of(new AgentDistribution(Path.of(d)));
    }

    public Path launcher() {
        return dir.resolve("bin").resolve("patchbay-agent");
    }

    public Path lib() {
        return dir.resolve("lib");
    }

    /** Refuses a folder that is not a distribution, naming what is missing. */
    public AgentDistribution requireWhole(String what) {
        if (!Files.isRegularFile(launcher())) {
            throw new PatchbayException(what + " has no bin/patchbay-agent: not an agent distribution");
        }
        try (Stream<Path> jars = Files.list(lib())) {
            if (jars.noneMatch(j -> j.getFileName().toString().endsWith(".jar"))) {
                throw new PatchbayException(what + " has no jar in lib/: not an agent distribution");
            }
        } catch (IOException e) {
            throw new PatchbayException(what + " has no lib/ folder: not an agent distribution");
        }
        return this;
    }
}
