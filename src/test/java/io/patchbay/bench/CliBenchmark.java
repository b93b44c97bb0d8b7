package io.patchbay.bench;

import io.patchbay.model.kit.Manifest;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import io.patchbay.model.workspace.NewRelease;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.Workspace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15's speed target: {@code patchbay status} and {@code patchbay release list} on a 100-site workspace, each a
 * whole process through the built launcher, cost at most twice a JVM that prints one line ({@link Hello}), timed in
 * the same run. Rounds interleave the commands (one warm-up round first, for the page cache), so a machine that gets
 * busier part-way slows all of them alike; medians are printed. {@code -Dpatchbay.bench.launcher=PATH} times
 * another build's launcher instead, {@code -Dpatchbay.bench.before=PATH} one from before a change beside it; {@code -Dpatchbay.bench.rounds=N}.
 * Asserts nothing about time (the machine is shared). Each process's CPU time (user + system, through GNU
 * {@code /usr/bin/time} when it is installed) is printed beside the wall time: on a loaded machine the wall time
 * mostly measures the other builds, the CPU time much less so. Run: {@code .ci/bench cli}.
 */
@Tag("benchmark")
class CliBenchmark {
    private static final int SITES = 100;
    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    /** The baseline: the cheapest Java program there is. */
    public static final class Hello {
        public static void main(String[] args) {
            System.out.println("hello");
        }
    }

    @Test
    void readCommandsAgainstABareJvm() throws Exception {
        Path launcher = Path.of(System.getProperty("patchbay.bench.launcher", System.getProperty("patchbay.launcher")));
        assertTrue(Files.isExecutable(launcher), "the launcher is not built: " + launcher);
        int rounds = Integer.getInteger("patchbay.bench.rounds", 9);
        Path ws = Path.of("target/bench/cli-ws").toAbsolutePath();
        workspace(ws);

        String javaExe = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(Hello.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of(javaExe, "-cp", classes, Hello.class.getName()));
        commands.add(List.of(launcher.toString(), "status", "--workspace", ws.toString()));
        commands.add(List.of(launcher.toString(), "release", "list", "--workspace", ws.toString()));
        String before = System.getProperty("patchbay.bench.before");
        if (before != null) {
            commands.add(List.of(before, "status", "--workspace", ws.toString()));
            commands.add(List.of(before, "release", "list", "--workspace", ws.toString()));
        }

        double[][] times = new double[commands.size()][rounds];
        double[][] cpu = new double[commands.size()][rounds];
        for (int round = -1; round < rounds; round++) {
            int i = 0;
            for (List<String> command : commands) {
                double[] s = time(command);
                if (round >= 0) {
                    times[i][round] = s[0];
                    cpu[i][round] = s[1];
                }
                i++;
            }
        }
        double h = median(times[0]);
        double st = median(times[1]);
        double rl = median(times[2]);
        System.out.printf(Locale.ROOT, "%ncli benchmark: %d sites, %d rounds, %d cores, load %.1f, launcher %s%n",
                SITES, rounds, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), launcher);
        System.out.printf(Locale.ROOT, "  java Hello             : %.3f s (median; all %s)%n", h, Arrays.toString(times[0]));
        System.out.printf(Locale.ROOT, "  patchbay status        : %.3f s (median; all %s)%n", st, Arrays.toString(times[1]));
        System.out.printf(Locale.ROOT, "  patchbay release list  : %.3f s (median; all %s)%n", rl, Arrays.toString(times[2]));
        System.out.printf(Locale.ROOT, "  ratio status/Hello     : %.2f (target <= 2)%n", st / h);
        System.out.printf(Locale.ROOT, "  ratio release list/Hello: %.2f (target <= 2)%n", rl / h);
        if (Files.isExecutable(GNU_TIME)) {
            double hc = median(cpu[0]);
            System.out.printf(Locale.ROOT, "  CPU time (user + system), medians: Hello %.3f s", hc);
            String[] names = {"status", "release list", "before status", "before release list"};
            for (int i = 1; i < commands.size(); i++) {
                System.out.printf(Locale.ROOT, "; %s %.3f s (ratio %.2f)", names[i - 1], median(cpu[i]), median(cpu[i]) / hc);
            }
            System.out.println();
        }
        if (before != null) {
            double bs = median(times[3]);
            double br = median(times[4]);
            System.out.printf(Locale.ROOT, "  before (%s):%n", before);
            System.out.printf(Locale.ROOT, "    status %.3f s (ratio %.2f; all %s)%n", bs, bs / h, Arrays.toString(times[3]));
            System.out.printf(Locale.ROOT, "    release list %.3f s (ratio %.2f; all %s)%n", br, br / h, Arrays.toString(times[4]));
        }
    }

    /** 100 sites in four rings, three releases, each release delivered to some sites and queued for the rest. */
    private static void workspace(Path dir) {
        if (Files.isDirectory(dir.resolve("kits")) && Files.exists(dir.resolve("ready"))) {
            return;
        }
        try (Workspace ws = Workspace.open(dir)) {
            String[] rings = {"internal", "pilot", "early", "broad"};
            for (int i = 0; i < SITES; i++) {
                String name = String.format(Locale.ROOT, "site-%03d", i);
                ws.sites().add(SiteSpec.sftp(name, "sftp://patchbay@" + name + ".example:22/patchbay",
                        Path.of("/keys/id_ed25519"), Path.of("/keys/known_hosts")).withRing(rings[i % 4]), "bench");
            }
            for (int r = 0; r < 3; r++) {
                String version = "12.10." + (10 + r);
                Manifest m = new Manifest("Spruce", Version.parse(version), Version.parse("12.10.0"), Channel.STABLE,
                        true, false, Instant.parse("2026-11-20T09:00:00Z").plus(Duration.ofDays(r)), false, List.of());
                Release release = ws.releases().add(new NewRelease(m, "[release]\n", "Spruce-" + version + ".kit",
                        String.format(Locale.ROOT, "%064x", 0xbe7c4L + r), 1_000_000L, "SHA256:bench"), "bench");
                for (int i = 0; i < SITES; i++) {
                    ws.deliveries().enqueue(release.id(), String.format(Locale.ROOT, "site-%03d", i), "bench");
                }
                int deliver = SITES * (3 - r) / 3;
                ws.deliveries().claim("bench", deliver, Duration.ofMinutes(5))
                        .forEach(d -> ws.deliveries().markDelivered(d.id(), "bench"));
            }
            Files.writeString(dir.resolve("ready"), "");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The wall time and the CPU time (NaN without GNU time) of one run of {@code command}, in seconds. */
    private static double[] time(List<String> command) throws Exception {
        Path cpuFile = Files.createTempFile("cli-bench", ".time");
        List<String> run = new ArrayList<>();
        if (Files.isExecutable(GNU_TIME)) {
            run.addAll(List.of(GNU_TIME.toString(), "-f", "%U %S", "-o", cpuFile.toString()));
        }
        run.addAll(command);
        long t = System.nanoTime();
        Process p = new ProcessBuilder(run).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "took over 5 minutes: " + command);
        double wall = (System.nanoTime() - t) / 1e9;
        assertEquals(0, p.exitValue(), String.join(" ", command));
        String[] userSystem = Files.readString(cpuFile).strip().split("\\s+");
        Files.delete(cpuFile);
        double cpu = userSystem.length == 2 ? Double.parseDouble(userSystem[0]) + Double.parseDouble(userSystem[1]) : Double.NaN;
        return new double[] {wall, cpu};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
