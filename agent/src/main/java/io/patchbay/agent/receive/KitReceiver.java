package io.patchbay.agent.receive;

import io.patchbay.agent.log.AgentLog;
import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.agent.registry.Registry;
import io.patchbay.agent.registry.RegistryStore;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.io.FileHashes;
import io.patchbay.model.kit.KitExtractor;
import io.patchbay.model.kit.VerifiedKit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Takes one kit file out of the inbox: verifies and extracts it ({@link KitExtractor}) into its patch folder
 * {@code patches/<id>/kit/}, keeps the original beside it, and registers the patch from its {@code kit.ini}.
 * A refused kit moves to {@code rejected/} with {@code <kit>.reason.txt} beside it and is registered as
 * REJECTED, so the site's list and the workstation both see why. A kit whose SHA-256 is already registered is
 * removed from the inbox and not registered twice.
 */
public final class KitReceiver {

    /** What became of one kit file. */
    public record Received(Kind kind, PatchRecord patch) {
        public enum Kind { REGISTERED, REJECTED, DUPLICATE }
    }

    private final AgentHome home;
    private final RegistryStore registry;
    private final Supplier<Collection<PublicKey>> trusted;
    private final Clock clock;

    public KitReceiver(AgentHome home, RegistryStore registry, Supplier<Collection<PublicKey>> trusted, Clock clock) {
        this.home = home;
        this.registry = registry;
        this.trusted = trusted;
        this.clock = clock;
    }

    /** Receives {@code file}; empty when it vanished meanwhile (another process took it). */
    public Optional<Received> receive(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String sha = FileHashes.sha256(file);
        String kit = safeName(file.getFileName().toString());
        Optional<PatchRecord> known = registry.read().bySha(sha);
        if (known.isPresent()) {
            AgentLog.of(home).event(AgentLog.Event.RECEIVE, file.getFileName() + " is already registered as "
                    + known.get().id() + "; removed from the inbox");
            Files.deleteIfExists(file);
            return Optional.of(new Received(Received.Kind.DUPLICATE, known.get()));
        }
        String id = stem(kit) + "-" + sha.substring(0, 12);
        Path folder = home.patches().resolve(id);
        try {
            deleteLeftover(folder);
            Files.createDirectories(folder);
            VerifiedKit verified = KitExtractor.extract(file, trusted.get(), folder.resolve("kit"));
            AtomicFiles.moveAtomically(file, folder.resolve(kit));
            PatchRecord record = PatchRecord.received(id, kit, sha, verified.manifest(),
                    home.dir().relativize(folder).toString(), clock.instant());
            Registry after = registry.update(r -> r.bySha(sha).isPresent() ? r : r.with(record));
            AgentLog.of(home).event(AgentLog.Event.RECEIVE, record.title() + " (" + kit + ") signed by "
                    + verified.signerFingerprint());
            PatchRecord registered = after.bySha(sha).orElseThrow();
            return Optional.of(new Received(registered.id().equals(id) ? Received.Kind.REGISTERED
                    : Received.Kind.DUPLICATE, registered));
        } catch (PatchbayException e) {
            deleteLeftover(folder);
            return Optional.of(reject(file, kit, sha, id, e.getMessage()));
        }
    }

    private Received reject(Path file, String kit, String sha, String id, String why) throws IOException {
        Files.createDirectories(home.rejected());
        Path target = home.rejected().resolve(kit);
        if (Files.exists(target)) {
            target = home.rejected().resolve(id + ".kit");
        }
        AtomicFiles.moveAtomically(file, target);
        AtomicFiles.write(target.resolveSibling(target.getFileName() + ".reason.txt"),
                (why + "\n").getBytes(StandardCharsets.UTF_8));
        PatchRecord record = PatchRecord.rejected(id, kit, sha, why, clock.instant());
        registry.update(r -> r.bySha(sha).isPresent() ? r : r.with(record));
        AgentLog.of(home).event(AgentLog.Event.REFUSE, kit + ": " + why);
        return new Received(Received.Kind.REJECTED, record);
    }

    private static void deleteLeftover(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Report and folder names must stay inside their folders: anything else becomes '_'. */
    static String safeName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        while (safe.startsWith(".")) {
            safe = safe.substring(1);
        }
        return safe.isEmpty() ? "kit" : safe;
    }

    private static String stem(String kit) {
        return kit.endsWith(".kit") ? kit.substring(0, kit.length() - 4) : kit;
    }
}
