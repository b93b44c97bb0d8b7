package io.patchbay.model.kit;

import io.patchbay.model.NotFoundException;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.zip.ZipArchive;
import io.patchbay.model.kit.zip.ZipEntryHeader;
import io.patchbay.model.kit.zip.ZipReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.Collection;

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
