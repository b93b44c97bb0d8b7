package io.patchbay.model.trust;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rotation statements that lead to a signing key, kept beside it: {@code KEYDIR/rotations/*.rotation}.
 * {@code keys rotate} copies the old key's chain into the new key's folder and adds its own statement; {@code kit
 * build} puts the chain of the key it signs with into the kit, so a site that trusts any key of the chain follows
 * it to the signer.
 */
public final class RotationChain {
    public static final String FOLDER = "rotations";
    /** More statements than a key will see in its life; keeps a kit's trust folder small and reading bounded. */
    public static final int MAX_STATEMENTS = 64;

    private RotationChain() {
    }

    /** The statements beside {@code keyFile}, in sequence order (their names sort so); empty when there are none. */
    public static List<byte[]> beside(Path keyFile) throws IOException {
        Path dir = folderOf(keyFile);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> RotationStatements.isStatementFileName(f.getFileName().toString())).sorted().toList();
        }
        if (files.size() > MAX_STATEMENTS) {
            throw new PatchbayException(dir + " holds " + files.size() + " rotation statements, more than "
                    + MAX_STATEMENTS);
        }
        List<byte[]> chain = new ArrayList<>();
        for (Path f : files) {
            if (Files.size(f) > RotationStatements.MAX_BYTES) {
                throw new PatchbayException(f + " is larger than " + RotationStatements.MAX_BYTES
                        + " bytes: not a rotation statement");
            }
            chain.add(Files.readAllBytes(f));
        }
        return chain;
    }

    /** The sequence number the next rotation of {@code keyFile} takes: one above its chain's highest. */
    public static long nextSequence(Path keyFile) throws IOException {
        long highest = 0;
        for (byte[] s : beside(keyFile)) {
            highest = Math.max(highest, RotationStatements.read(s, folderOf(keyFile).toString()).sequence());
        }
        return highest + 1;
    }

    /** Writes {@code chain} (the old key's statements and the new one) beside {@code keyFile}, each atomically. */
    public static void write(Path keyFile, List<byte[]> chain) throws IOException {
        Path dir = Files.createDirectories(folderOf(keyFile));
        for (byte[] s : chain) {
            long sequence = RotationStatements.read(s, dir.toString()).sequence();
            AtomicFiles.write(dir.resolve(RotationStatements.fileName(sequence)), s);
        }
    }

    private static Path folderOf(Path keyFile) {
        Path parent = keyFile.toAbsolutePath().getParent();
        return parent.resolve(FOLDER);
    }
}
