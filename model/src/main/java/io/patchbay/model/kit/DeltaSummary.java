package io.patchbay.model.kit;

import java.util.Map;

/**
 * What a delta kit carries, counted from its entry names and sizes: for {@code kit show} (unverified, from the ZIP
 * headers) and {@code kit verify} (from the verified checksum list).
 *
 * @param patched    entries carried as patches against the installed base
 * @param patchBytes their total size
 * @param whole      entries carried whole
 * @param wholeBytes their total size
 */
public record DeltaSummary(int patched, long patchBytes, int whole, long wholeBytes) {
    public static DeltaSummary of(Map<String, Long> sizes) {
        int patched = 0;
        int whole = 0;
        long patchBytes = 0;
        long wholeBytes = 0;
        for (Map.Entry<String, Long> e : sizes.entrySet()) {
            if (e.getKey().startsWith(KitLayout.DELTA_PATCH)) {
                patched++;
                patchBytes += e.getValue();
            } else if (e.getKey().startsWith(KitLayout.DELTA_WHOLE)) {
                whole++;
                wholeBytes += e.getValue();
            }
        }
        return new DeltaSummary(patched, patchBytes, whole, wholeBytes);
    }

    public static DeltaSummary of(ChecksumList list) {
        return of(list.lines().stream().collect(java.util.stream.Collectors.toMap(ChecksumList.Line::name,
                ChecksumList.Line::size)));
    }
}
