package io.patchbay.model.kit.zip;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * Writes kit archives in {@link ZipFormat}'s canonical form. Because every header has a fixed size, the
 * whole layout is known before any data is written: {@link #planOffsets} gives each entry its place, so
 * several threads can fill different entries of one file at once with positional writes.
 */
public final class ZipWriter {
    private ZipWriter() {
    }

    /**
     * Assigns each entry, in the given order, the offset of its local header.
     *
     * @return the offset where the central directory starts
     */
    public static long planOffsets(List<String> names, long[] compressedSizes, long[] headerOffsets) {
        long at = 0;
        for (int i = 0; i < names.size(); i++) {
            headerOffsets[i] = at;
            at += ZipFormat.localSpan(names.get(i), compressedSizes[i]);
        }
        ZipFormat.checkLimits(names.size(), at);
        return at;
    }

    /** Writes an entry's local header at {@link ZipEntryHeader#headerOffset()}. */
    public static void writeLocalHeader(FileChannel out, ZipEntryHeader entry) throws IOException {
        writeFully(out, ByteBuffer.wrap(ZipFormat.localHeader(entry)), entry.headerOffset());
    }

    /** Writes the central directory and end record at {@code centralOffset}; the file ends there. */
    public static void writeDirectory(FileChannel out, List<ZipEntryHeader> entries, long centralOffset)
            throws IOException {
        long at = centralOffset;
        for (ZipEntryHeader e : entries) {
            byte[] header = ZipFormat.centralHeader(e);
            writeFully(out, ByteBuffer.wrap(header), at);
            at += header.length;
        }
        ZipFormat.checkLimits(entries.size(), at);
        writeFully(out, ByteBuffer.wrap(ZipFormat.end(entries.size(), at - centralOffset, centralOffset)), at);
        out.truncate(at + ZipFormat.END_SIZE);
    }

    /**
     * Writes a whole archive from entries already in memory, in the given order. {@code stored[i]} is
     * the bytes as they sit in the archive (already deflated for DEFLATED entries); the headers' sizes
     * and CRCs are taken as given, which lets tests craft archives that lie.
     */
    public static void writeAll(FileChannel out, List<ZipEntryHeader> entries, List<byte[]> stored)
            throws IOException {
        long[] sizes = new long[entries.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = stored.get(i).length;
        }
        long[] offsets = new long[entries.size()];
        long central = planOffsets(entries.stream().map(ZipEntryHeader::name).toList(), sizes, offsets);
        List<ZipEntryHeader> placed = new java.util.ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            ZipEntryHeader e = entries.get(i);
            ZipEntryHeader at = new ZipEntryHeader(e.name(), e.method(), e.crc(), sizes[i], e.size(), e.mode(),
                    offsets[i]);
            writeLocalHeader(out, at);
            writeFully(out, ByteBuffer.wrap(stored.get(i)), at.dataOffset());
            placed.add(at);
        }
        writeDirectory(out, placed, central);
    }

    public static void writeFully(FileChannel out, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += out.write(buffer, at);
        }
    }
}
