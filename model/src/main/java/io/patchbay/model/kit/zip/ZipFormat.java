package io.patchbay.model.kit.zip;

import io.patchbay.model.PatchbayException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The one canonical byte form of a kit archive's headers. The writer emits exactly these bytes and the
 * reader compares what it finds against them, so a changed header byte is as visible as a changed data
 * byte: no extra fields, no comments, no data descriptors, one fixed timestamp (1980-01-01 00:00, DOS
 * form, so no time zone enters), UTF-8 names, "made by" unix with the mode in the external attributes.
 *
 * <p>No ZIP64: a kit holds at most 65,534 entries and 4 GiB - 1 byte; larger inputs are refused.
 */
public final class ZipFormat {
    static final int LOCAL_SIG = 0x04034b50;
    static final int CENTRAL_SIG = 0x02014b50;
    static final int END_SIG = 0x06054b50;
    public static final int LOCAL_HEADER_SIZE = 30;
    static final int CENTRAL_HEADER_SIZE = 46;
    static final int END_SIZE = 22;
    static final int UTF8_FLAG = 0x0800;
    static final int MADE_BY_UNIX = (3 << 8) | 20;
    static final int DOS_TIME = 0;
    static final int DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
    public static final long MAX_OFFSET = 0xFFFF_FFFEL;
    public static final int MAX_ENTRIES = 0xFFFE;

    private ZipFormat() {
    }

    public static byte[] utf8(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    private static int versionNeeded(int method) {
        return method == ZipEntryHeader.DEFLATED ? 20 : 10;
    }

    static byte[] localHeader(ZipEntryHeader e) {
        byte[] name = utf8(e.name());
        ByteBuffer b = ByteBuffer.allocate(LOCAL_HEADER_SIZE + name.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(LOCAL_SIG).putShort((short) versionNeeded(e.method())).putShort((short) UTF8_FLAG)
                .putShort((short) e.method()).putShort((short) DOS_TIME).putShort((short) DOS_DATE)
                .putInt(e.crc()).putInt((int) e.compressedSize()).putInt((int) e.size())
                .putShort((short) name.length).putShort((short) 0).put(name);
        return b.array();
    }

    static byte[] centralHeader(ZipEntryHeader e) {
        byte[] name = utf8(e.name());
        ByteBuffer b = ByteBuffer.allocate(CENTRAL_HEADER_SIZE + name.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(CENTRAL_SIG).putShort((short) MADE_BY_UNIX).putShort((short) versionNeeded(e.method()))
                .putShort((short) UTF8_FLAG).putShort((short) e.method())
                .putShort((short) DOS_TIME).putShort((short) DOS_DATE)
                .putInt(e.crc()).putInt((int) e.compressedSize()).putInt((int) e.size())
                .putShort((short) name.length).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0).putInt(e.mode() << 16)
                .putInt((int) e.headerOffset()).put(name);
        return b.array();
    }

    static byte[] end(int entries, long centralSize, long centralOffset) {
        ByteBuffer b = ByteBuffer.allocate(END_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(END_SIG).putShort((short) 0).putShort((short) 0).putShort((short) entries)
                .putShort((short) entries).putInt((int) centralSize).putInt((int) centralOffset).putShort((short) 0);
        return b.array();
    }

    /** Bytes an entry takes in the archive: local header plus data. */
    public static long localSpan(String name, long compressedSize) {
        return LOCAL_HEADER_SIZE + utf8(name).length + compressedSize;
    }

    static void checkLimits(int entries, long end) {
        if (entries > MAX_ENTRIES) {
            throw new PatchbayException("too many entries for a kit: " + entries + " (at most " + MAX_ENTRIES + ")");
        }
        if (end > MAX_OFFSET) {
            throw new PatchbayException("kit too large: " + end + " bytes (at most 4 GiB; ZIP64 is not supported)");
        }
    }
}
