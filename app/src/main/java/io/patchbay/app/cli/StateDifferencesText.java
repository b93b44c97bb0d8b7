package io.patchbay.app.cli;

import io.patchbay.agent.cli.ExitCode;
import io.patchbay.model.backup.BackupInfo;
import io.patchbay.model.backup.StateDifferences;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * How {@code site fetch-backup} and {@code status import --backup-out} say what a post-install state holds against
 * its release: one summary line, then one line per file that differs. Something differing is the answer "no, not as
 * released" (exit 1), not a failure to find out.
 */
final class StateDifferencesText {
    private StateDifferencesText() {
    }

    static int print(PrintWriter out, BackupInfo backup, String site, StateDifferences d, Path dir) {
        out.println("post-install state of " + backup.describe() + " at " + site + " -> " + dir);
        out.println(d.none()
                ? "identical to the release's signed checksums: " + d.identical() + " file" + (d.identical() == 1 ? "" : "s")
                : "DIFFERS from the release's signed checksums: " + d.identical() + " as released, "
                        + d.changed().size() + " changed, " + d.missing().size() + " missing, " + d.extra().size()
                        + " extra");
        lines(out, "changed", d.changed());
        lines(out, "missing", d.missing());
        lines(out, "extra  ", d.extra());
        return d.none() ? ExitCode.DONE.code() : ExitCode.REFUSED.code();
    }

    private static void lines(PrintWriter out, String word, List<String> paths) {
        paths.forEach(p -> out.println("  " + word + " " + p));
    }
}
