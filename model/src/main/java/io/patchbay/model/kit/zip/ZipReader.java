package io.patchbay.model.kit.zip;

import io.patchbay.model.PatchbayException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Reads a kit archive's directory from its end record and checks every header byte against the
 * canonical form. Entry data is read lazily through bounded streams: never past the entry's stored
 * bytes, never more than a caller's cap after inflating.
 */
public final class ZipReader {
    /** A central directory larger than this is not a kit's (65,534 entries with long names fit). */
    private static final long MAX_DIRECTORY = 64L << 20;

    private ZipReader() {
    }

    public static ZipArchive read(FileChannel in) throws IOException {
        long size = in.size();
        if (size < ZipFormat.END_SIZE) {
            throw new PatchbayException("not a kit: too short to be a ZIP archive (" + size + " bytes)");
        }
        ByteBuffer end = readAt(in, size - ZipFormat.END_SIZE, ZipFormat.END_SIZE);
        if (end.getInt(0) != ZipFormat.END_SIG) {
            throw new PatchbayException("not a kit: no ZIP end record where it must be (trailing bytes or a comment?)");
        }
        int count = Short.toUnsignedInt(end.getShort(10));
        long centralSize = Integer.toUnsignedLong(end.getInt(12));
        long centralOffset = Integer.toUnsignedLong(end.getInt(16));
        if (centralSize > MAX_DIRECTORY || centralOffset + centralSize > size - ZipFormat.END_SIZE) {
            throw new PatchbayException("not a kit: the ZIP central directory lies outside the file");
        }
        ByteBuffer dir = readAt(in, centralOffset, (int) centralSize);
        List<ZipEntryHeader> entries = new ArrayList<>();
        String problem = null;
        int at = 0;
        while (at < centralSize) {
            if (centralSize - at < ZipFormat.CENTRAL_HEADER_SIZE || dir.getInt(at) != ZipFormat.CENTRAL_SIG) {
                throw new PatchbayException("not a kit: malformed ZIP central directory at entry " + (entries.size() + 1));
            }
            int nameLength = Short.toUnsignedInt(dir.getShort(at + 28));
            int extra = Short.toUnsignedInt(dir.getShort(at + 30));
            int comment = Short.toUnsignedInt(dir.getShort(at + 32));
            int span = ZipFormat.CENTRAL_HEADER_SIZE + nameLength + extra + comment;
            if (at + span > centralSize) {
                throw new PatchbayException("not a kit: malformed ZIP central directory at entry " + (entries.size() + 1));
            }
            byte[] raw = new byte[span];
            dir.get(at, raw);
            String name = decodeName(Arrays.copyOfRange(raw, ZipFormat.CENTRAL_HEADER_SIZE,
                    ZipFormat.CENTRAL_HEADER_SIZE + nameLength));
            ZipEntryHeader e = new ZipEntryHeader(name,
                    Short.toUnsignedInt(dir.getShort(at + 10)),
                    dir.getInt(at + 16),
                    Integer.toUnsignedLong(dir.getInt(at + 20)),
                    Integer.toUnsignedLong(dir.getInt(at + 24)),
                    dir.getInt(at + 38) >>> 16,
                    Integer.toUnsignedLong(dir.getInt(at + 42)));
            entries.add(e);
            if (problem == null && !Arrays.equals(raw, ZipFormat.centralHeader(e))) {
                problem = "the central directory entry of " + e.name() + " is not in canonical form";
            }
            at += span;
        }
        if (problem == null && !end.equals(ByteBuffer.wrap(ZipFormat.end(count, centralSize, centralOffset)))) {
            problem = "the ZIP end record is not in canonical form";
        }
        if (problem == null) {
            problem = checkLayout(in, entries, count, centralOffset);
        }
        return new ZipArchive(entries, problem);
    }

    private static String checkLayout(FileChannel in, List<ZipEntryHeader> entries, int count, long centralOffset)
            throws IOException {
        if (count != entries.size()) {
            return "the end record counts " + count + " entries, the directory holds " + entries.size();
        }
        long expected = 0;
        for (ZipEntryHeader e : entries) {
            if (e.method() != ZipEntryHeader.STORED && e.method() != ZipEntryHeader.DEFLATED) {
                return e.name() + " uses an unsupported compression method " + e.method();
            }
            if (e.method() == ZipEntryHeader.STORED && e.compressedSize() != e.size()) {
                return e.name() + " is stored but its sizes differ";
            }
            if (e.headerOffset() != expected) {
                return "entries are not laid out back to back (at " + e.name() + ")";
            }
            byte[] local = ZipFormat.localHeader(e);
            if (e.headerOffset() + local.length + e.compressedSize() > centralOffset) {
                return e.name() + " runs into the central directory";
            }
            ByteBuffer found = readAt(in, e.headerOffset(), local.length);
            if (!found.equals(ByteBuffer.wrap(local).order(ByteOrder.LITTLE_ENDIAN))) {
                return "the local header of " + e.name() + " differs from the central directory";
            }
            expected = e.headerOffset() + local.length + e.compressedSize();
        }
        if (expected != centralOffset) {
            return "unaccounted bytes between the last entry and the central directory";
        }
        return null;
    }

    private static String decodeName(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new PatchbayException("not a kit: an entry name is not valid UTF-8");
        }
    }

    private static ByteBuffer readAt(FileChannel in, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (in.read(b, position + b.position()) < 0) {
                throw new PatchbayException("not a kit: the file ends inside a ZIP record");
            }
        }
        return b.flip();
    }

    /**
     * The entry's bytes after inflating, refusing with "inflates past its declared size" as soon as more
     * than {@code cap} bytes come out: a zip bomb is stopped after {@code cap + 1} bytes.
     */
    public static InputStream open(FileChannel in, ZipEntryHeader entry, long cap) {
        InputStream raw = new ChannelSliceStream(in, entry.dataOffset(), entry.compressedSize());
        InputStream data = entry.method() == ZipEntryHeader.DEFLATED
                ? new InflaterInputStream(raw, new Inflater(true), 64 * 1024) : raw;
        return new CappedStream(data, cap, entry.name());
    }

    /** Reads {@code length} bytes of a channel from {@code start}, by position, so readers can share it. */
    private static final class ChannelSliceStream extends InputStream {
        private final FileChannel in;
        private long position;
        private final long end;

        ChannelSliceStream(FileChannel in, long start, long length) {
            this.in = in;
            this.position = start;
            this.end = start + length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int n = in.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
            if (n < 0) {
                throw new PatchbayException("not a kit: the file ends inside an entry");
            }
            position += n;
            return n;
        }
    }

    private static final class CappedStream extends java.io.FilterInputStream {
        private final long cap;
        private final String name;
        private long count;

        CappedStream(InputStream in, long cap, String name) {
            super(in);
            this.cap = cap;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (java.util.zip.ZipException e) {
                throw new PatchbayException(name + " is not valid deflate data: " + e.getMessage());
            } catch (java.io.EOFException e) {
                throw new PatchbayException(name + " is truncated");
            }
            if (n > 0) {
                count += n;
                if (count > cap) {
                    throw new PatchbayException(name + " inflates past its declared size of " + cap + " bytes");
                }
            }
            return n;
        }
    }
}
