package io.patchbay.model.kit.zip;

/**
 * One entry of a kit archive as its central directory describes it.
 *
 * @param name           the entry's name, UTF-8, '/'-separated
 * @param method         {@link #STORED} or {@link #DEFLATED}
 * @param crc            CRC-32 of the uncompressed bytes
 * @param compressedSize bytes stored in the archive
 * @param size           bytes after inflating
 * @param mode           the unix mode from the external attributes (0 when the archive carries none)
 * @param headerOffset   where the entry's local header starts
 */
public record ZipEntryHeader(String name, int method, int crc, long compressedSize, long size, int mode,
                             long headerOffset) {
    public static final int STORED = 0;
    public static final int DEFLATED = 8;

    /** The unix file type bits of {@link #mode}. */
    public int fileType() {
        return mode & 0170000;
    }

    public boolean isSymlink() {
        return fileType() == 0120000;
    }

    public boolean isDirectory() {
        return fileType() == 0040000 || name.endsWith("/");
    }

    /** Where the entry's data starts: canonical local headers carry no extra field. */
    public long dataOffset() {
        return headerOffset + ZipFormat.LOCAL_HEADER_SIZE + ZipFormat.utf8(name).length;
    }
}
