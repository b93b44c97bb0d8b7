package io.patchbay.transport.https;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkSizerTest {
    private static final int MIB = 1024 * 1024;

    @Test
    void eachCutHalvesTheChunkDownToTheFloorAndTheUploadGoesOn() {
        ChunkSizer chunks = new ChunkSizer(8 * MIB);
        List<Integer> sizes = new ArrayList<>();
        while (chunks.size() > ChunkSizer.FLOOR) {
            assertTrue(chunks.cut(false), "a chunk that can still shrink is tried again");
            sizes.add(chunks.size());
        }
        assertEquals(List.of(4 * MIB, 2 * MIB, MIB, ChunkSizer.FLOOR), sizes);
    }

    @Test
    void atTheFloorACutGoesOnOnlyIfTheSiteAcknowledgedBytesSinceTheLastCut() {
        ChunkSizer chunks = new ChunkSizer(ChunkSizer.FLOOR);
        assertTrue(chunks.cut(true));
        assertFalse(chunks.cut(false), "a link that moves nothing at the smallest chunk ends the attempt");
        assertEquals(ChunkSizer.FLOOR, chunks.size());
    }

    @Test
    void aRunOfAcceptedChunksDoublesTheChunkBackToTheConfiguredSizeAndNoFurther() {
        ChunkSizer chunks = new ChunkSizer(2 * MIB);
        chunks.cut(false);
        chunks.cut(false);
        assertEquals(ChunkSizer.FLOOR, chunks.size());
        for (int i = 1; i < ChunkSizer.GROW_AFTER; i++) {
            chunks.accepted();
        }
        assertEquals(ChunkSizer.FLOOR, chunks.size(), "not yet: one short of the run");
        chunks.accepted();
        assertEquals(MIB, chunks.size());
        for (int i = 0; i < 3 * ChunkSizer.GROW_AFTER; i++) {
            chunks.accepted();
        }
        assertEquals(2 * MIB, chunks.size());
    }

    @Test
    void aCutRestartsTheRunTowardsGrowing() {
        ChunkSizer chunks = new ChunkSizer(4 * MIB);
        chunks.cut(false); // 2 MiB
        for (int i = 1; i < ChunkSizer.GROW_AFTER; i++) {
            chunks.accepted();
        }
        chunks.cut(true); // 1 MiB, run starts over
        chunks.accepted();
        assertEquals(MIB, chunks.size());
    }

    @Test
    void aConfiguredChunkBelowTheFloorIsNeverShrunk() {
        ChunkSizer chunks = new ChunkSizer(256 * 1024);
        assertTrue(chunks.cut(true));
        assertEquals(256 * 1024, chunks.size());
        assertFalse(chunks.cut(false));
    }
}
