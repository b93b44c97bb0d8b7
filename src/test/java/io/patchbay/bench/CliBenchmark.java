package io.patchbay.bench;

import io.patchbay.model.io.FileTrees;
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
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15's speed target: {@code patchbay status} and {@code patchbay release list} on a 100-site workspace, each a
 * whole process through the built launcher, cost at most twice a JVM that prints one line ({@link Hello}), timed in
 * the same run. The launcher hands read commands to the user's command server once the first has started one, so
 * both are timed: served (the target) and in their own JVMs ({@code PATCHBAY_COMMAND_SERVER=off}), beside the first
 * command the new server answered after its own warm-up. Rounds interleave the commands (one warm-up round first, for the page cache), so a
 * machine that gets busier part-way slows all of them alike; medians are printed. {@code
 * -Dpatchbay.bench.launcher=PATH} times another build's launcher; {@code -Dpatchbay.bench.rounds=N}, {@code
 * -Dpatchbay.bench.warmUp=N} (served commands before the rounds, default 20 of each). Asserts nothing about time (the
 * machine is shared). Each process's CPU time (user + system, through GNU {@code /usr/bin/time} when it is installed)
 * is printed beside the wall time, and the server's own CPU time per command it served. Run: {@code .ci/bench cli}.
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
        int warmUp = Integer.getInteger("patchbay.bench.warmUp", 20);
        Path ws = Path.of("target/bench/cli-ws").toAbsolutePath();
        workspace(ws);
        Path run = Files.createDirectories(Path.of("target/bench/run").toAbsolutePath());
        FileTrees.delete(run.resolve("patchbay")); // a server left by a killed run stops when its socket goes
        Map<String, String> served = Map.of("XDG_RUNTIME_DIR", run.toString(), "PATCHBAY_COMMAND_SERVER_IDLE", "5m");
        Map<String, String> own = Map.of("PATCHBAY_COMMAND_SERVER", "off");

        String javaExe = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(Hello.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> status = List.of(launcher.toString(), "status", "--workspace", ws.toString());
        List<String> releases = List.of(launcher.toString(), "release", "list", "--workspace", ws.toString());
        List<Timed> commands = List.of(
                new Timed("java Hello", List.of(javaExe, "-cp", classes, Hello.class.getName()), Map.of()),
                new Timed("patchbay status (served)", status, served),
                new Timed("patchbay release list (served)", releases, served),
                new Timed("patchbay status (own JVM)", status, own),
                new Timed("patchbay release list (own JVM)", releases, own));

        // The first read command starts the server; the next ones find it, as a person's or a pipeline's would.
        time(commands.get(1));
        Path log = awaitServer(run.resolve("patchbay"));
        long pid = serverPid(log);
        long warmed = System.nanoTime();
        while (!Files.readString(log).contains("warmed up") && System.nanoTime() - warmed < TimeUnit.MINUTES.toNanos(2)) {
            Thread.sleep(100);
        }
        double firstServed = time(commands.get(1))[0];
        for (int i = 0; i < warmUp; i++) {
            time(commands.get(1));
            time(commands.get(2));
        }
        double[][] times = new double[commands.size()][rounds];
        double[][] cpu = new double[commands.size()][rounds];
        double serverCpu = 0;
        for (int round = -1; round < rounds; round++) { // round -1: the page cache
            for (int i = 0; i < commands.size(); i++) {
                double before = i == 1 || i == 2 ? cpuSeconds(pid) : 0;
                double[] s = time(commands.get(i));
                if (round >= 0) {
                    times[i][round] = s[0];
                    cpu[i][round] = s[1];
                    if (i == 1 || i == 2) {
                        serverCpu += cpuSeconds(pid) - before;
                    }
                }
            }
        }
        Files.delete(log.resolveSibling(log.getFileName().toString().replace(".log", ".sock"))); // stops it

        double h = median(times[0]);
        System.out.printf(Locale.ROOT, "%ncli benchmark: %d sites, %d rounds after %d warm-up commands of the server,"
                        + " %d cores, load %.1f, launcher %s%n", SITES, rounds, 2 * warmUp + 2,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), launcher);
        for (int i = 0; i < commands.size(); i++) {
            double m = median(times[i]);
            System.out.printf(Locale.ROOT, "  %-32s: %.3f s%s (median; all %s)%n", commands.get(i).name(), m,
                    i == 0 ? "" : String.format(Locale.ROOT, ", ratio %.2f%s", m / h, i <= 2 ? " (target <= 2)" : ""),
                    Arrays.toString(times[i]));
        }
        System.out.printf(Locale.ROOT, "  first command the new server served, after its warm-up: %.3f s (ratio %.2f); %s%n",
                firstServed, firstServed / h, Files.readString(log).lines().filter(l -> l.contains("warmed up"))
                        .findFirst().orElse("no warm-up"));
        if (Files.isExecutable(GNU_TIME)) {
            double hc = median(cpu[0]);
            System.out.printf(Locale.ROOT, "  CPU time (user + system), medians: Hello %.3f s", hc);
            for (int i = 1; i < commands.size(); i++) {
                System.out.printf(Locale.ROOT, "; %s %.3f s (ratio %.2f)", commands.get(i).name(), median(cpu[i]),
                        median(cpu[i]) / hc);
            }
            System.out.printf(Locale.ROOT, "%n  the server's own CPU time per served command (mean): %.3f s%n",
                    serverCpu / (2.0 * rounds));
        }
    }

    /** A command timed, with what it adds to this JVM's environment. */
    private record Timed(String name, List<String> command, Map<String, String> env) {
    }

    private static Path awaitServer(Path folder) throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < end) {
            if (Files.isDirectory(folder)) {
                try (var files = Files.list(folder)) {
                    Optional<Path> sock = files.filter(p -> p.toString().endsWith(".sock")).findFirst();
                    if (sock.isPresent()) {
                        return sock.get().resolveSibling(sock.get().getFileName().toString().replace(".sock", ".log"));
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no command server started in " + folder);
    }

    private static long serverPid(Path log) throws IOException {
        Matcher m = Pattern.compile(", pid (\\d+),").matcher(Files.readString(log));
        assertTrue(m.find(), "no pid in " + log);
        return Long.parseLong(m.group(1));
    }

    /** User + system CPU seconds of process {@code pid} so far ({@code /proc/PID/stat}, in clock ticks of 1/100 s). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
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

    /** The wall time and the CPU time (NaN without GNU time) of one run of {@code timed}, in seconds. */
    private static double[] time(Timed timed) throws Exception {
        List<String> command = timed.command();
        Path cpuFile = Files.createTempFile("cli-bench", ".time");
        List<String> run = new ArrayList<>();
        if (Files.isExecutable(GNU_TIME)) {
            run.addAll(List.of(GNU_TIME.toString(), "-f", "%U %S", "-o", cpuFile.toString()));
        }
        run.addAll(command);
        long t = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(run).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(timed.env());
        Process p = pb.start();
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
