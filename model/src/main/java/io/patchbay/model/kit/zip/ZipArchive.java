package io.patchbay.model.kit.zip;

import java.util.List;

/**
 * A parsed kit archive: its entries in archive order, and the first way its bytes differ from the
 * canonical form (or null). The problem is kept rather than thrown so that verification can report
 * the more telling reasons (a path with "..", a symlink) first.
 */
public record ZipArchive(List<ZipEntryHeader> entries, String layoutProblem) {
    public ZipArchive {
        entries = List.copyOf(entries);
    }
}
