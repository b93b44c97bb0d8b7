package io.patchbay.agent.install;

import java.util.ArrayList;
import java.util.List;

/**
 * JVM options for the short-lived child JVMs the crash tests start and kill (an install, a recovery, an upgrader):
 * C1 only and the serial collector, as the launchers give their one-off commands. Such a child lives a second or
 * two; C2 and G1's threads cost more start-up than they earn, and a test starts dozens of them.
 */
public final class ChildJvm {
    private static final List<String> QUICK = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private ChildJvm() {
    }

    /** The quick-start options followed by {@code more} (e.g. {@code -Dname=value}). */
    public static List<String> quick(String... more) {
        List<String> options = new ArrayList<>(QUICK);
        options.addAll(List.of(more));
        return options;
    }
}
