package io.patchbay.app.ui.matrix;

import io.patchbay.model.matrix.MatrixSite;
import io.patchbay.model.matrix.MatrixSource;
import io.patchbay.model.matrix.MatrixState;
import io.patchbay.model.PatchbayException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What filtering needs, precomputed once per source so a filter is one pass over the sites: every
 * cell's state (one byte each), per site a bit mask of the states in its row, its ring and its name in
 * lower case. Kept current cell by cell as changes arrive.
 */
final class MatrixIndex {
    private static final MatrixState[] STATES = MatrixState.values();

    private final int siteCount;
    private final int releaseCount;
    private final byte[] states;
    private final int[] siteMask;
    private final int[] siteRing;
    private final String[] lowerNames;
    private final int[] ringOrder;      // sites sorted by ring, source order within a ring
    private final int[] totalPerRing;
    private final Map<String, Integer> ringIndexByName = new HashMap<>();
    /** Per ring and release: cells meant for a site (any state but none), and installed ones. */
    private final int[] targeted;
    private final int[] installed;

    MatrixIndex(MatrixSource source) {
        List<String> rings = source.rings();
        List<MatrixSite> sites = source.sites();
        for (int i = 0; i < rings.size(); i++) {
            ringIndexByName.put(rings.get(i), i);
        }
        siteCount = sites.size();
        releaseCount = source.releases().size();
        states = new byte[Math.multiplyExact(siteCount, releaseCount)];
        siteMask = new int[siteCount];
        siteRing = new int[siteCount];
        lowerNames = new String[siteCount];
        totalPerRing = new int[rings.size()];
        targeted = new int[rings.size() * releaseCount];
        installed = new int[rings.size() * releaseCount];
        for (int s = 0; s < siteCount; s++) {
            MatrixSite site = sites.get(s);
            Integer ring = ringIndexByName.get(site.ring());
            if (ring == null) {
                throw new PatchbayException("site " + site.name() + " is in ring " + site.ring()
                        + ", which is not one of the rings " + rings);
            }
            siteRing[s] = ring;
            totalPerRing[ring]++;
            lowerNames[s] = site.name().toLowerCase(Locale.ROOT);
            int mask = 0;
            int base = s * releaseCount;
            for (int r = 0; r < releaseCount; r++) {
                MatrixState state = source.state(s, r);
                states[base + r] = (byte) state.ordinal();
                mask |= 1 << state.ordinal();
                count(ring, r, state, 1);
            }
            siteMask[s] = mask;
        }
        ringOrder = orderByRing();
    }

    int siteCount() {
        return siteCount;
    }

    int releaseCount() {
        return releaseCount;
    }

    MatrixState state(int site, int release) {
        return STATES[states[site * releaseCount + release]];
    }

    int ringOf(int site) {
        return siteRing[site];
    }

    /** Records a cell's new state; true when the site's set of states changed. */
    boolean update(int site, int release, MatrixState state) {
        count(siteRing[site], release, state(site, release), -1);
        count(siteRing[site], release, state, 1);
        states[site * releaseCount + release] = (byte) state.ordinal();
        int mask = 0;
        int base = site * releaseCount;
        for (int r = 0; r < releaseCount; r++) {
            mask |= 1 << states[base + r];
        }
        boolean changed = mask != siteMask[site];
        siteMask[site] = mask;
        return changed;
    }

    private void count(int ring, int release, MatrixState state, int delta) {
        int at = ring * releaseCount + release;
        if (state != MatrixState.NONE) {
            targeted[at] += delta;
        }
        if (state == MatrixState.INSTALLED) {
            installed[at] += delta;
        }
    }

    /** Sites of the ring (every ring when {@code ring} is -1) the release is meant for, and how many installed it. */
    Adoption adoption(int ring, int release) {
        if (ring >= 0) {
            return new Adoption(installed[ring * releaseCount + release], targeted[ring * releaseCount + release]);
        }
        int done = 0;
        int meant = 0;
        for (int r = 0; r < totalPerRing.length; r++) {
            done += installed[r * releaseCount + release];
            meant += targeted[r * releaseCount + release];
        }
        return new Adoption(done, meant);
    }

    MatrixRows filter(MatrixFilter filter) {
        int ringWanted = -1;
        if (filter.ring() != null) {
            ringWanted = ringIndexByName.getOrDefault(filter.ring(), -2);
        }
        int stateMask = filter.stateMask();
        String text = filter.text();
        int[] entries = new int[siteCount + totalPerRing.length];
        int[] shownPerRing = new int[totalPerRing.length];
        int n = 0;
        int currentRing = -1;
        for (int site : ringOrder) {
            int ring = siteRing[site];
            if (ringWanted != -1 && ring != ringWanted) {
                continue;
            }
            if (stateMask != 0 && (siteMask[site] & stateMask) == 0) {
                continue;
            }
            if (!text.isEmpty() && !lowerNames[site].contains(text)) {
                continue;
            }
            if (ring != currentRing) {
                currentRing = ring;
                entries[n++] = -ring - 1;
            }
            entries[n++] = site;
            shownPerRing[ring]++;
        }
        return new MatrixRows(Arrays.copyOf(entries, n), siteCount, shownPerRing, totalPerRing.clone());
    }

    private int[] orderByRing() {
        int[] start = new int[totalPerRing.length];
        for (int ring = 1; ring < start.length; ring++) {
            start[ring] = start[ring - 1] + totalPerRing[ring - 1];
        }
        int[] order = new int[siteCount];
        for (int s = 0; s < siteCount; s++) {
            order[start[siteRing[s]]++] = s;
        }
        return order;
    }
}
