package io.patchbay.app.ui.kit;

import io.patchbay.model.release.Version;
import io.patchbay.model.workspace.Release;

import java.util.Comparator;
import java.util.List;

/**
 * The releases a delta of a new kit can be built from: the workspace's earlier releases of the same product, newest
 * first, so the first is the default (the release most sites are likely to have installed).
 */
final class DeltaBases {
    private DeltaBases() {
    }

    static List<Release> of(List<Release> releases, String product, Version version) {
        if (product == null || version == null) {
            return List.of();
        }
        return releases.stream()
                .filter(r -> r.product().equals(product) && version.isNewerThan(r.version()))
                .sorted(Comparator.comparing(Release::version).reversed())
                .toList();
    }
}
