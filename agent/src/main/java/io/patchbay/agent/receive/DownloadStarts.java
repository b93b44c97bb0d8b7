package io.patchbay.agent.receive;

import io.patchbay.model.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Notices kits that start arriving: an SFTP delivery writes {@code <inbox>/.partial/<kit>.part}, a tus upload
 * creates {@code <inbox>/.partial/<id>.part} beside its {@code <id>.json}. Each partial file is reported once, even
 * across processes and restarts: a marker in {@code markers/} is created (create-new, so one caller wins) before
 * it is reported, and removed once the partial file is gone (received or abandoned).
 */
public final class DownloadStarts {
    private static final Logger LOG = LoggerFactory.getLogger(DownloadStarts.class);
    private static final String PART = ".part";

    private final Path partial;
    private final Path markers;

    /** @param markers a folder of the agent home for the markers */
    public DownloadStarts(Path inbox, Path markers) {
        this.partial = inbox.resolve(".partial");
        this.markers = markers;
    }

    /** The kits (by name) that started arriving since the last call, each once. */
    public List<String> newArrivals() {
        List<String> started = new ArrayList<>();
        try {
            Files.createDirectories(markers);
            Set<String> present = Files.isDirectory(partial) ? list(partial).stream()
                    .filter(n -> n.endsWith(PART) && !n.startsWith(".")).collect(Collectors.toSet()) : Set.of();
            for (String part : present.stream().sorted().toList()) {
                try {
                    Files.createFile(markers.resolve(part));
                    started.add(kitName(part));
                } catch (FileAlreadyExistsException e) {
                    // told already (by this process or another)
                }
            }
            for (String marker : list(markers)) {
                if (!present.contains(marker)) {
                    Files.deleteIfExists(markers.resolve(marker));
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot look at the uploads in progress in {}: {}", partial, e.getMessage());
        }
        return started;
    }

    /** The kit's name: from the tus upload's record when there is one, else the partial file's name. */
    private String kitName(String part) {
        String stem = part.substring(0, part.length() - PART.length());
        Path record = partial.resolve(stem + ".json");
        if (Files.isRegularFile(record)) {
            try {
                String name = Json.mapper().readTree(record.toFile()).path("fileName").asText("");
                if (!name.isBlank()) {
                    return KitReceiver.safeName(name);
                }
            } catch (IOException e) {
                // a record being written: the upload's id will do
            }
        }
        return KitReceiver.safeName(stem);
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
