package io.patchbay.app.ui.workspace;

import io.patchbay.model.matrix.MatrixCell;
import io.patchbay.model.matrix.MatrixChange;
import io.patchbay.model.matrix.MatrixListener;
import io.patchbay.model.matrix.MatrixListeners;
import io.patchbay.model.matrix.MatrixRelease;
import io.patchbay.model.matrix.MatrixSite;
import io.patchbay.model.matrix.MatrixSource;
import io.patchbay.model.matrix.MatrixState;
import io.patchbay.model.workspace.MatrixFeed;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.app.ui.task.Poller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The matrix over a workspace: sites and releases as they were when loaded, cells kept in memory and
 * brought up to date by {@link #poll()} (every second once {@link #follow} runs), which reads only the
 * cells changed since the last pass ({@link MatrixFeed}) and announces only those whose state, reason or
 * progress really changed. A site or release added later needs a new source (F5).
 */
public final class WorkspaceMatrixSource implements MatrixSource, AutoCloseable {
    /** Rings in the order design.md names them; other rings follow alphabetically. */
    public static final List<String> RING_ORDER = List.of("internal", "pilot", "early", "broad");

    private final Workspace workspace;
    private final List<String> rings;
    private final List<MatrixSite> sites;
    private final List<MatrixRelease> releases;
    private final Map<Long, Integer> siteIndex = new HashMap<>();
    private final Map<Long, Integer> releaseIndex = new HashMap<>();
    private final boolean[] pulled;
    private final long[] releaseIds;
    private final AtomicReferenceArray<MatrixCell> cells;
    private final MatrixListeners listeners = new MatrixListeners();
    private final List<Consumer<Set<Long>>> releaseListeners = new CopyOnWriteArrayList<>();
    private final Map<List<Long>, io.patchbay.model.workspace.MatrixCell> unknownRows = new HashMap<>();
    private final MatrixFeed feed;
    private volatile int unknownCells;
    private volatile int sending;
    private Poller poller;

    private WorkspaceMatrixSource(Workspace workspace, List<Site> siteRows, List<Release> releaseRows) {
        this.workspace = workspace;
        this.feed = workspace.matrix().feed();
        this.rings = ringsOf(siteRows);
        List<Site> orderedSites = new ArrayList<>(siteRows);
        orderedSites.sort(Comparator.comparingInt((Site s) -> rings.indexOf(s.ring())).thenComparing(Site::name));
        this.sites = new ArrayList<>();
        for (Site s : orderedSites) {
            siteIndex.put(s.id(), sites.size());
            sites.add(new MatrixSite(s.name(), s.ring()));
        }
        // Oldest first, so the newest releases are the last columns (the matrix opens on them).
        List<Release> orderedReleases = new ArrayList<>(releaseRows);
        orderedReleases.sort(Comparator.comparing(Release::releasedAt).thenComparing(Release::product)
                .thenComparing(Release::version));
        this.releases = new ArrayList<>();
        this.pulled = new boolean[orderedReleases.size()];
        this.releaseIds = new long[orderedReleases.size()];
        for (Release r : orderedReleases) {
            pulled[releases.size()] = r.pulled();
            releaseIds[releases.size()] = r.id();
            releaseIndex.put(r.id(), releases.size());
            releases.add(new MatrixRelease(r.product(), r.version().toString()));
        }
        this.cells = new AtomicReferenceArray<>(Math.max(1, sites.size() * releases.size()));
    }

    /** Reads sites, releases and every cell; slow (database), so call it off the FX thread. */
    public static WorkspaceMatrixSource load(Workspace workspace) {
        WorkspaceMatrixSource source = new WorkspaceMatrixSource(workspace, workspace.sites().list(),
                workspace.releases().list());
        source.apply(source.feed.next()); // the feed's first read is every cell
        return source;
    }

    /** Polls for changes on a daemon thread every {@code every} until closed. */
    public synchronized void follow(Duration every) {
        if (poller == null) {
            poller = Poller.every("matrix-poller", every, this::poll);
        }
    }

    /**
     * One pass: reads the cells changed since the last one and tells listeners. Returns how many changed. The
     * feed sees every committed change, also one committed after a later-stamped one was already shown.
     */
    public int poll() {
        return apply(feed.next());
    }

    private synchronized int apply(List<io.patchbay.model.workspace.MatrixCell> rows) {
        List<int[]> changed = new ArrayList<>();
        Set<Long> changedReleases = new HashSet<>();
        for (io.patchbay.model.workspace.MatrixCell row : rows) {
            Integer s = siteIndex.get(row.siteId());
            Integer r = releaseIndex.get(row.releaseId());
            if (s == null || r == null) {
                // Not in the grid until F5, but a screen that reads the release itself (Rollout) still follows it.
                List<Long> key = List.of(row.siteId(), row.releaseId());
                if (!row.equals(unknownRows.put(key, row))) {
                    changedReleases.add(row.releaseId());
                }
                continue;
            }
            MatrixCell next = toMatrixCell(row);
            int at = s * releases.size() + r;
            MatrixCell before = cells.get(at);
            if (!next.equals(before)) {
                cells.set(at, next);
                sending += (next.state() == MatrixState.SENDING ? 1 : 0)
                        - (before != null && before.state() == MatrixState.SENDING ? 1 : 0);
                changed.add(new int[]{s, r});
                changedReleases.add(row.releaseId());
            }
        }
        unknownCells = unknownRows.size();
        if (!changed.isEmpty()) {
            MatrixChange change = new MatrixChange(changed.stream().mapToInt(p -> p[0]).toArray(),
                    changed.stream().mapToInt(p -> p[1]).toArray());
            listeners.announce(change);
        }
        if (!changedReleases.isEmpty()) {
            Set<Long> ids = Set.copyOf(changedReleases);
            releaseListeners.forEach(l -> l.accept(ids));
        }
        return changed.size();
    }

    /** Cells of sites or releases added after loading, seen since: reload to show them. */
    public int unknownCells() {
        return unknownCells;
    }

    /** How many cells are being sent now: the worker's visible activity. */
    public int sendingNow() {
        return sending;
    }

    @Override
    public List<String> rings() {
        return rings;
    }

    @Override
    public List<MatrixSite> sites() {
        return sites;
    }

    @Override
    public List<MatrixRelease> releases() {
        return releases;
    }

    @Override
    public MatrixCell cell(int site, int release) {
        MatrixCell c = cells.get(site * releases.size() + release);
        return c == null ? MatrixCell.NOT_TARGETED : c;
    }

    @Override
    public Subscription subscribe(MatrixListener listener) {
        return listeners.subscribe(listener);
    }

    /**
     * Told, on the polling thread, the ids of the releases whose cells changed in a pass, including cells of
     * sites or releases added after loading (which the grid shows only after F5).
     */
    public Subscription subscribeReleases(Consumer<Set<Long>> listener) {
        releaseListeners.add(listener);
        return () -> releaseListeners.remove(listener);
    }

    /** The site's name at a row, for actions. */
    public String siteName(int site) {
        return sites.get(site).name();
    }

    /** The release id at a column, for actions. */
    public long releaseId(int release) {
        return releaseIds[release];
    }

    public String releaseTitle(int release) {
        return releases.get(release).label();
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.close();
            poller = null;
        }
        listeners.clear();
        releaseListeners.clear();
    }

    /** The grid's cell for a workspace cell: its one state, and its reason as the last event line. */
    static MatrixCell toMatrixCell(io.patchbay.model.workspace.MatrixCell c) {
        MatrixState state = c.state();
        String event = state == MatrixState.NONE ? null : state.word() + (c.reason() == null ? "" : ": " + c.reason());
        return new MatrixCell(state, c.percent(), c.reason(), c.nextTryAt(), event, c.updatedAt(), c.nextChance(),
                c.sent() == null ? null : c.sent().describe());
    }

    /** Whether the release at a column was pulled (its column is marked). */
    @Override
    public boolean releasePulled(int release) {
        return pulled[release];
    }

    static List<String> ringsOf(List<Site> siteRows) {
        Set<String> present = new LinkedHashSet<>();
        siteRows.forEach(s -> present.add(s.ring()));
        List<String> ordered = new ArrayList<>();
        RING_ORDER.stream().filter(present::contains).forEach(ordered::add);
        present.stream().filter(r -> !RING_ORDER.contains(r)).sorted().forEach(ordered::add);
        return List.copyOf(ordered);
    }
}
