package io.patchbay.model.kit;

import io.patchbay.model.NotFoundException;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.TransientFailure;
import io.patchbay.model.kit.zip.ZipArchive;
import io.patchbay.model.kit.zip.ZipEntryHeader;
import io.patchbay.model.kit.zip.ZipReader;
import io.patchbay.model.trust.RotationChain;
import io.patchbay.model.trust.RotationStatements;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A kit file opened for reading: the I/O side of verification. {@link #verify(Path, Collection)} is
 * what {@code release add} and the agent call before they trust a kit.
 */
public final class KitReader implements KitSource, AutoCloseable {
    private final FileChannel channel;
    private final ZipArchive archive;

    private KitReader(FileChannel channel, ZipArchive archive) {
        this.channel = channel;
        this.archive = archive;
    }

    public static KitReader open(Path kit) throws IOException {
        if (Files.isSymbolicLink(kit) || Files.isDirectory(kit)) {
            throw new PatchbayException("not a kit file: " + kit);
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(kit, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no such kit: " + kit);
        }
        try {
            return new KitReader(ch, ZipReader.read(ch));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Verifies the kit file against the trusted keys; see {@link KitVerifier} for what is refused. */
    public static VerifiedKit verify(Path kit, Collection<PublicKey> trusted) throws IOException {
        try (KitReader reader = open(kit)) {
            return KitVerifier.verify(reader, trusted);
        }
    }

    /**
     * The rotation statements a kit carries ({@code trust/*.rotation}), read before the kit is verified: a site
     * must learn a new key before it can check a kit the new key signed. Safe unverified because each statement is
     * signed on its own and judged by {@code KeyTrust}; reading is bounded in count and size. A kit too broken to
     * list them gives none here: its verification refuses it with the reason. A failure of this machine is thrown.
     */
    public static List<byte[]> rotationStatements(Path kit) throws IOException {
        try (KitReader reader = open(kit)) {
            List<byte[]> statements = new ArrayList<>();
            for (ZipEntryHeader e : reader.archive().entries().stream()
                    .filter(e -> RotationStatements.isKitEntry(e.name()))
                    .sorted(Comparator.comparing(ZipEntryHeader::name)).toList()) {
                if (statements.size() == RotationChain.MAX_STATEMENTS) {
                    return List.of(); // more than any key's life: the verifier judges the kit
                }
                if (e.size() > RotationStatements.MAX_BYTES) {
                    continue; // not a statement: left to the verifier and KeyTrust
                }
                statements.add(KitVerifier.readSmall(reader, e, RotationStatements.MAX_BYTES, e.name() + " is too large"));
            }
            return statements;
        } catch (TransientFailure e) {
            throw e;
        } catch (PatchbayException brokenKit) {
            return List.of();
        }
    }

    @Override
    public ZipArchive archive() {
        return archive;
    }

    @Override
    public InputStream open(ZipEntryHeader entry, long cap) {
        return ZipReader.open(channel, entry, cap);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
