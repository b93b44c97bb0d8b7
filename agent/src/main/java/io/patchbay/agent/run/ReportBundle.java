package io.patchbay.agent.run;

import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.home.AgentKey;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.bundle.BundleManifest;
import io.patchbay.model.bundle.BundleWriter;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.report.StatusReports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code agent report}: the way back from a site without a network. The agent rewrites its status reports, then
 * writes them (every patch report with its checks and installations, {@code agent.json}, {@code health.json}: what
 * the workstation's harvest reads) into one report bundle signed with the agent's own key ({@link AgentKey}) and
 * numbered one past the last, so the workstation can refuse an older report imported after a newer one.
 */
public final class ReportBundle {
    static final String SEQUENCE_FILE = "report-sequence";

    /** What was written. */
    public record Written(Path file, BundleManifest manifest) {
    }

    private ReportBundle() {
    }

    public static Written write(Agent agent, Path out, Clock clock) throws IOException {
        AgentHome home = agent.home();
        var key = AgentKey.read(home);
        agent.writeReports();
        Map<String, Path> files = new LinkedHashMap<>();
        try (Stream<Path> status = Files.list(home.status())) {
            for (Path f : status.sorted().toList()) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && (name.equals(StatusReports.AGENT_FILE)
                        || name.equals(StatusReports.HEALTH_FILE) || StatusReports.isPatchFileName(name))) {
                    files.put(name, f);
                }
            }
        }
        String site = agent.config().site();
        List<BundleManifest.Entry> entries = files.keySet().stream()
                .map(name -> new BundleManifest.Entry(name, name, List.of(site))).toList();
        // The number is taken before the bundle is written: a bundle that fails half-way never shares it with the next.
        long sequence = nextSequence(home);
        BundleManifest manifest = BundleManifest.report(site, clock.instant(), sequence, entries);
        BundleWriter.write(out, manifest, files, key);
        return new Written(out, manifest);
    }

    private static long nextSequence(AgentHome home) throws IOException {
        Path file = home.dir().resolve(SEQUENCE_FILE);
        long last = 0;
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            try {
                last = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new PatchbayException(file + " does not hold a report number: '" + text + "'");
            }
        }
        long next = last + 1;
        AtomicFiles.write(file, (next + "\n").getBytes(StandardCharsets.US_ASCII));
        return next;
    }
}
