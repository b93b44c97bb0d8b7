package io.patchbay.agent.home;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.io.IoFailure;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.trust.KeyTrust;
import io.patchbay.model.trust.RotationStatements;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The site's trust on disk: the keys its operator gave ({@code trust/*.pub}, the roots) and the rotation
 * statements it accepted since ({@code trust/rotations/*.rotation}, kept as received). Read afresh every time, so an
 * operator's change to {@code trust/} counts at once; the judging itself is {@link KeyTrust}'s. Only the daemon's one
 * intake writes here, one file at a time.
 */
public final class TrustStore {
    private final AgentHome home;

    public TrustStore(AgentHome home) {
        this.home = home;
    }

    /** The trust now: roots and accepted statements; refuses when there is no root, since every kit would be. */
    public KeyTrust read() {
        List<PublicKey> roots = new ArrayList<>();
        Map<String, byte[]> statements = new LinkedHashMap<>();
        try {
            for (Path f : list(home.trust(), ".pub")) {
                roots.add(SigningKeys.readPublic(f));
            }
            for (Path f : list(home.rotations(), RotationStatements.SUFFIX)) {
                if (Files.size(f) <= RotationStatements.MAX_BYTES) { // larger: never written by accept, not one
                    statements.put(f.getFileName().toString(), Files.readAllBytes(f));
                }
            }
        } catch (IOException e) {
            // This machine's failure, never a verdict on what is being judged against these keys.
            throw IoFailure.of("reading the trusted keys in " + home.trust(), e);
        }
        if (roots.isEmpty()) {
            throw new PatchbayException("no trusted key in " + home.trust() + ": every kit is refused");
        }
        return KeyTrust.rebuild(roots, statements).trust();
    }

    /** Every key trusted now (roots and rotated-to keys). */
    public List<PublicKey> keys() {
        return read().keys();
    }

    /**
     * Judges {@code statement} ({@link KeyTrust#accept}) and keeps it when it is new, before returning: from then on
     * its new key is trusted. A refusal is a {@link PatchbayException} with one line; a disk failure an IOException.
     */
    public KeyTrust.Accepted accept(byte[] statement, String source) throws IOException {
        KeyTrust.Accepted a = read().accept(statement, source);
        if (!a.known()) {
            Files.createDirectories(home.rotations());
            AtomicFiles.write(home.rotations().resolve(RotationStatements.fileName(a.statement().sequence())), statement);
        }
        return a;
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix) && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }
}
