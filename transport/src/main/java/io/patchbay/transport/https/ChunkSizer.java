package io.patchbay.transport.https;

/**
 * How many bytes the next PATCH of one upload carries, learnt from the link. A site keeps only whole chunks
 * that passed their checksum (tus' checksum extension forbids storing bytes it could not verify), so a link
 * cut more often than one chunk takes to send would never move a byte: after a cut the chunk is halved, down
 * to {@link #FLOOR}, and after a run of chunks that got through it doubles back towards the configured size.
 * One instance per upload; not shared between threads.
 */
final class ChunkSizer {
    /**
     * The smallest chunk halving reaches: half a megabyte still takes far longer to send than its request's
     * round trip and the site's fsync, and a link that cannot carry that much between cuts is not usable.
     */
    static final int FLOOR = 512 * 1024;
    /** Chunks in a row that must get through before the chunk doubles again. */
    static final int GROW_AFTER = 8;

    private final int configured;
    private final int floor;
    private int size;
    private int streak;

    ChunkSizer(int configured) {
        this.configured = configured;
        this.floor = Math.min(FLOOR, configured);
        this.size = configured;
    }

    /** Bytes for the next chunk. */
    int size() {
        return size;
    }

    /** The site acknowledged a chunk. */
    void accepted() {
        if (++streak >= GROW_AFTER && size < configured) {
            size = (int) Math.min(configured, 2L * size);
            streak = 0;
        }
    }

    /**
     * The link was cut while a chunk was on its way. Returns whether this upload should go on from the offset the
     * site holds: yes while the chunk can still shrink, and at the smallest chunk only if the site acknowledged
     * bytes since the last cut ({@code progressed}); otherwise the link moves nothing and the attempt ends.
     */
    boolean cut(boolean progressed) {
        streak = 0;
        if (size > floor) {
            size = Math.max(floor, size / 2);
            return true;
        }
        return progressed;
    }
}
