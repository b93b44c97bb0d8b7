package io.patchbay.model.kit;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdDictContentType;
import com.github.luben.zstd.ZstdException;

/**
 * One file's binary patch: a zstd frame compressed with the base file as raw-content dictionary and long-distance
 * matching, what {@code zstd --patch-from=BASE} makes (chosen by measurement over bsdiff and xdelta3: see
 * docs/adr/delta-kits.md). The frame states its content size; applying decompresses into a buffer of exactly the
 * size the release's checksum list declares, so a patch can never write more than that.
 *
 * <p>Base and result are held in memory, so only files up to {@link #MAX_FILE} are patched; larger ones travel
 * whole. Compression is single-threaded at a fixed level, so the same pair gives the same patch bytes.
 */
final class DeltaPatch {
    /** Largest base or result a patch is made for (each is held in memory while patching). */
    static final long MAX_FILE = 64L << 20;
    /**
     * zstd level. zstd-jni offers a raw-content dictionary, not the CLI's refPrefix, and below level 16 the matches into
     * a large dictionary are lost from the compressor's tables (an 8 MB file with three small edits: 6.9 MB at level 3,
     * 1.9 kB at 19); see docs/adr/delta-kits.md and {@code .ci/bench delta}.
     */
    static final int LEVEL = 19;
    /** 2^27 = 128 MiB covers base and result at their largest; also every decoder's default limit. */
    private static final int MAX_WINDOW_LOG = 27;

    private DeltaPatch() {
    }

    /** The patch that turns {@code base} into {@code target}. */
    static byte[] make(byte[] base, byte[] target) {
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            ctx.setLevel(LEVEL);
            ctx.setContentSize(true);
            ctx.setChecksum(false); // the result is checked against the release's SHA-256 instead
            ctx.setDictID(false);
            ctx.setLong(windowLog(base.length + (long) target.length));
            ctx.loadDict(base, ZstdDictContentType.RAW_CONTENT);
            return ctx.compress(target);
        }
    }

    /**
     * {@code base} patched, exactly {@code size} bytes long.
     *
     * @throws Inflates when the patch would make more than {@code size} bytes (a hostile or mismatched patch)
     * @throws Corrupt  when the patch is not a zstd frame this base decodes
     */
    static byte[] apply(byte[] base, byte[] patch, int size) {
        long declared = Zstd.getFrameContentSize(patch);
        if (declared > size) {
            throw new Inflates(declared);
        }
        if (declared != size) {
            throw new Corrupt("its frame does not state the declared size of " + size + " bytes");
        }
        byte[] out = new byte[size];
        try (ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
            ctx.setLongMax(MAX_WINDOW_LOG);
            ctx.loadDict(base, ZstdDictContentType.RAW_CONTENT);
            int n = ctx.decompressByteArray(out, 0, out.length, patch, 0, patch.length);
            if (n != size) {
                throw new Corrupt("it makes " + n + " bytes instead of " + size);
            }
            return out;
        } catch (ZstdException e) {
            // The output buffer ends at the declared size: a frame that would go on is stopped there.
            if (e.getMessage() != null && e.getMessage().contains("Destination buffer is too small")) {
                throw new Inflates(-1);
            }
            throw new Corrupt(e.getMessage());
        }
    }

    private static int windowLog(long bytes) {
        int log = 64 - Long.numberOfLeadingZeros(Math.max(1, bytes - 1));
        return Math.max(10, Math.min(MAX_WINDOW_LOG, log));
    }

    /** The patch would write past the declared size; {@code declared} is what its frame claims, or -1. */
    static final class Inflates extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long declared;

        Inflates(long declared) {
            super(null, null, false, false);
            this.declared = declared;
        }
    }

    /** The patch does not decode against this base. */
    static final class Corrupt extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Corrupt(String why) {
            super(why, null, false, false);
        }
    }
}
