package io.patchbay.app.server;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command lines the command server runs: the read commands people and pipelines run most, which read no
 * standard input, ask nothing of a terminal and create no file (a file the server made would have the server's umask,
 * not the command's). Everything else (writes, deliveries, kit builds, reports to a file, prompts, the desktop client)
 * runs in its own JVM, as it always has.
 */
final class ServedCommands {
    private static final Map<String, Set<String>> READS = Map.of(
            "release", Set.of("list"),
            "site", Set.of("list", "show"),
            "rollout", Set.of("list"));

    private ServedCommands() {
    }

    static boolean serves(List<String> args) {
        if (args.isEmpty()) {
            return false;
        }
        String first = args.get(0);
        if (first.equals("status")) {
            return !args.contains("import"); // `status import FILE` writes; `status` has no other word
        }
        if (first.equals("alerts")) {
            return true; // the dead-man watch, and --mail: what a cron job runs every few minutes
        }
        Set<String> reads = READS.get(first);
        return reads != null && args.size() > 1 && reads.contains(args.get(1));
    }
}
