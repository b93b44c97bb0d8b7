package io.patchbay.transport.sftp;

import io.patchbay.transport.Cancellation;
import io.patchbay.transport.TransferListener;
import io.patchbay.transport.fixtures.OpenSshServer;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Throughput of {@link SftpPusher} against OpenSSH's own {@code sftp -b} client, both uploading the same
 * 200 MB file to the same real sshd on loopback, with the same cipher (aes128-gcm@openssh.com).
 * Prints the medians of 3 runs each, after a warm-up, and their ratio (target at least 0.95).
 * Run: {@code mvn -B -ntp -Pbench -pl transport -am test -Dtest=SftpPushBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * Sizes can be changed with {@code -Dbench.mb=N -Dbench.runs=N}.
 */
@Tag("benchmark")
class SftpPushBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(SftpPushBenchmark.class);
    /** The one cipher both clients must use; {@code -Dbench.cipher=aes128-ctr} etc. to compare. */
    private static final String CIPHER = System.getProperty("bench.cipher", "aes128-gcm@openssh.com");

    @TempDir
    Path tmp;

    @Test
    void minaPushAgainstOpenSshSftp() throws Exception {
        int mb = Integer.getInteger("bench.mb", 200);
        int runs = Integer.getInteger("bench.runs", 3);
        Path kit = tmp.resolve("Bench-1.0.0.kit");
        writeRandom(kit, mb * 1024L * 1024L);
        long size = Files.size(kit);
        try (OpenSshServer sshd = OpenSshServer.start(tmp.resolve("sshd")); SftpPusher pusher = new SftpPusher(List.of(BuiltinCiphers.fromFactoryName(CIPHER)))) {
            SftpSettings settings = SftpSettings.of(sshd.userKey(), sshd.knownHosts());
            Path siteDir = tmp.resolve("site");
            SftpEndpoint site = SftpEndpoint.parse(sshd.url(siteDir));
            Path delivered = siteDir.resolve("inbox").resolve(kit.getFileName());

            // Warm-up: the page cache for both clients, and the JIT for ours. The JDK's AES-GCM runs its slow
            // Java GHASH until C2 has compiled the callers of the GHASH intrinsic; on a busy machine that
            // takes more than one push (profiled with JFR: GHASH.blockMult dominated the cold runs).
            int warmups = Integer.getInteger("bench.warmups", 3);
            for (int i = 0; i < warmups; i++) {
                pusher.push(site, settings, kit, TransferListener.NONE, new Cancellation());
                Files.delete(delivered);
            }
            openSshPut(sshd, kit, siteDir.resolve("warm"));
            Files.delete(siteDir.resolve("warm"));

            List<Double> mina = new ArrayList<>();
            List<Double> openssh = new ArrayList<>();
            List<Double> minaCpu = new ArrayList<>();
            List<Double> opensshCpu = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                PushResult r = pusher.push(site, settings, kit, TransferListener.NONE, new Cancellation());
                mina.add(mbPerSecond(size, System.nanoTime() - t0));
                minaCpu.add((cpuNanos() - c0) / 1e9);
                assertEquals(size, Files.size(delivered));
                assertEquals(0, r.resumedFrom());
                Files.delete(delivered);

                Path target = siteDir.resolve("openssh-" + i);
                long t1 = System.nanoTime();
                opensshCpu.add(openSshPut(sshd, kit, target));
                openssh.add(mbPerSecond(size, System.nanoTime() - t1));
                assertEquals(size, Files.size(target));
                Files.delete(target);
            }
            double m = median(mina);
            double o = median(openssh);
            LOG.info("SFTP push of {} MB to OpenSSH sshd on loopback, cipher {}, median of {} after {} warm-up pushes", mb, CIPHER, runs, warmups);
            LOG.info("  MINA SftpPusher (255 KiB pipelined writes): {} MB/s  runs {}", fmt(m), fmt(mina));
            LOG.info("  OpenSSH sftp -b (its default buffer and requests): {} MB/s  runs {}", fmt(o), fmt(openssh));
            LOG.info("  client CPU seconds per run (user+sys; the machine is shared, so this is the steadier figure):"
                    + " MINA JVM {} (median {}), sftp+ssh {} (median {})", fmt(minaCpu), fmt(median(minaCpu)),
                    fmt(opensshCpu), fmt(median(opensshCpu)));
            LOG.info("  ratio MINA / OpenSSH = {} (target >= 0.95)", String.format("%.3f", m / o));
        }
    }

    /** CPU time of this whole JVM (all threads, GC and JIT included). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Uploads with OpenSSH's client; returns the CPU seconds (user+sys) of sftp and its ssh child. */
    private static double openSshPut(OpenSshServer sshd, Path file, Path remote) throws IOException, InterruptedException {
        Path batch = Files.createTempFile("sftp-batch", ".txt");
        Files.writeString(batch, "put " + file.toAbsolutePath() + " " + remote.toAbsolutePath() + "\n", StandardCharsets.UTF_8);
        // bash's `times` prints the CPU time of the finished children (sftp and the ssh it runs).
        List<String> cmd = List.of("bash", "-c", "\"$@\" >&2 && times", "bash", "sftp", "-q", "-b", batch.toString(), "-P", Integer.toString(sshd.port()),
                "-i", sshd.userKey().toString(), "-o", "UserKnownHostsFile=" + sshd.knownHosts(),
                "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "Ciphers=" + CIPHER,
                "-o", "Compression=no", sshd.user() + "@" + sshd.host());
        Path err = Files.createTempFile("sftp-err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("sftp failed: " + Files.readString(err) + out);
        }
        Files.delete(batch);
        Files.delete(err);
        String[] children = out.lines().toList().get(1).trim().split("\\s+");
        return seconds(children[0]) + seconds(children[1]);
    }

    /** Parses bash's {@code 1m2.345s}. */
    private static double seconds(String text) {
        int m = text.indexOf('m');
        return Integer.parseInt(text.substring(0, m)) * 60 + Double.parseDouble(text.substring(m + 1, text.length() - 1));
    }

    private static void writeRandom(Path file, long size) throws IOException {
        Random random = new Random(7);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
    }

    private static double mbPerSecond(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String fmt(double v) {
        return String.format("%.1f", v);
    }

    private static String fmt(List<Double> vs) {
        return Arrays.toString(vs.stream().map(SftpPushBenchmark::fmt).toArray());
    }
}
