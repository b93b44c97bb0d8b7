package io.patchbay.agent.upgrade;

import java.nio.file.Path;

/** Where a self-upgrade keeps its files: {@code <agent home>/self-upgrade/}. */
record UpgradeFiles(Path home) {
    UpgradeFiles {
        home = home.toAbsolutePath().normalize();
    }

    Path dir() {
        return home.resolve("self-upgrade");
    }

    Path plan() {
        return dir().resolve("plan.json");
    }

    Path journal() {
        return dir().resolve("journal.json");
    }

    Path outcome() {
        return dir().resolve("outcome.json");
    }

    /** The running daemon's pid and service unit, written by {@code agent run} at start. */
    Path daemon() {
        return dir().resolve("daemon.json");
    }

    /** A copy of the old distribution's jars the upgrader runs from: the swap never moves them. */
    Path runner() {
        return dir().resolve("runner");
    }

    Path log() {
        return dir().resolve("upgrade.log");
    }

    /** Output of an agent the upgrader started itself (not under systemd). */
    Path agentOutput() {
        return dir().resolve("agent.out");
    }

    Path health() {
        return home.resolve("status").resolve("health.json");
    }
}
