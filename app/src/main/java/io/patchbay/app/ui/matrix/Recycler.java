package io.patchbay.app.ui.matrix;

import javafx.scene.Node;
import javafx.scene.layout.Pane;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * The nodes of one grid layer, keyed by position. Nodes that scroll out are hidden and reused for the
 * positions that scroll in, so a layer never holds more nodes than fit on screen at once.
 */
final class Recycler<N extends Node> {
    private final Pane layer;
    private final Supplier<N> factory;
    private final Map<Long, N> active = new HashMap<>();
    private final ArrayDeque<N> free = new ArrayDeque<>();

    Recycler(Pane layer, Supplier<N> factory) {
        this.layer = layer;
        this.factory = factory;
    }

    N get(long key) {
        return active.get(key);
    }

    /** A node for a position that has none yet; the caller fills and places it. */
    N acquire(long key) {
        N node = free.poll();
        if (node == null) {
            node = factory.get();
            layer.getChildren().add(node);
        }
        node.setVisible(true);
        active.put(key, node);
        return node;
    }

    /** Frees every node whose key fails the test. */
    void retainOnly(LongPredicate keep) {
        for (Iterator<Map.Entry<Long, N>> it = active.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, N> entry = it.next();
            if (!keep.test(entry.getKey())) {
                entry.getValue().setVisible(false);
                free.push(entry.getValue());
                it.remove();
            }
        }
    }

    void releaseAll() {
        retainOnly(key -> false);
    }

    Collection<N> active() {
        return active.values();
    }

    Map<Long, N> activeByKey() {
        return active;
    }
}
