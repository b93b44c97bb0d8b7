package io.patchbay.app.server;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command lines the command server runs: the read commands people and pipelines run most, which read no
 * standard input, ask nothing of a terminal and change nothing. Everything else (writes, deliveries, kit builds,
 * prompts, the desktop client) runs in its own JVM, as it always has.
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
        Set<String> reads = READS.get(first);
        return reads != null && args.size() > 1 && reads.contains(args.get(1));
    }
}
