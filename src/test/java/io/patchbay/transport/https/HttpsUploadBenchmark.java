package io.patchbay.transport.https;

import io.patchbay.agent.http.TestAgent;
import io.patchbay.model.auth.BearerToken;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Throughput of a tus upload over TLS on loopback into the agent's endpoint, per chunk size.
 * Run: {@code mvn -B -ntp -o -Pbench -pl transport -am test -Dtest=HttpsUploadBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class HttpsUploadBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(HttpsUploadBenchmark.class);
    private static final int MB = 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    void uploadThroughputPerChunkSize() throws IOException {
        Path kit = tmp.resolve("big.kit");
        writeRandom(kit, 200 * MB);
        try (TestAgent agent = new TestAgent(tmp.resolve("site"))) {
            upload(agent, kit, 4 * MB); // warm-up: JIT and TLS session
            for (int chunk : new int[]{1 * MB, 4 * MB, 16 * MB}) {
                long t0 = System.nanoTime();
                upload(agent, kit, chunk);
                double seconds = (System.nanoTime() - t0) / 1e9;
                LOG.info("benchmark: 200 MB in {} s with {} MiB chunks = {} MB/s", String.format("%.2f", seconds),
                        chunk / MB, String.format("%.1f", 200 / seconds));
            }
        }
    }

    private static void upload(TestAgent agent, Path kit, int chunk) throws IOException {
        TusClient client = new TusClient(agent.endpoint(), BearerToken.of(TestAgent.TOKEN, "bench"),
                TlsTrust.trustingOnly(TestCertificates.shared().caPem()), TusOptions.defaults().withChunkSize(chunk));
        client.upload(kit, "big.kit", UploadListener.NONE);
        assertEquals(Files.size(kit), Files.size(agent.inbox().resolve("big.kit")));
    }

    private static void writeRandom(Path file, int size) throws IOException {
        Random random = new Random(1);
        byte[] block = new byte[MB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int written = 0; written < size; written += block.length) {
                random.nextBytes(block);
                out.write(block);
            }
        }
    }
}
