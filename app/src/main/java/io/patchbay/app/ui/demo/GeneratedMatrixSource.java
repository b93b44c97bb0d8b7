package io.patchbay.app.ui.demo;

import io.patchbay.model.matrix.MatrixCell;
import io.patchbay.model.matrix.MatrixChange;
import io.patchbay.model.matrix.MatrixListener;
import io.patchbay.model.matrix.MatrixListeners;
import io.patchbay.model.matrix.MatrixRelease;
import io.patchbay.model.matrix.MatrixSite;
import io.patchbay.model.matrix.MatrixSource;
import io.patchbay.model.matrix.MatrixState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A made-up matrix held in memory (one byte of state per cell), for the demo, the screenshots and the
 * benchmark: a rollout of the newest releases ring by ring, older releases installed, a few failures,
 * holds and one pulled release. The same size and seed always give the same matrix.
 */
public final class GeneratedMatrixSource implements MatrixSource {
    private static final List<String> RINGS = List.of("internal", "pilot", "early", "broad");
    private static final String[] CITIES = {"Bergen", "Tromsø", "Aarhus", "Uppsala", "Tampere", "Graz", "Lyon",
            "Porto", "Ghent", "Leiden", "Basel", "Bremen", "Kraków", "Brno", "Turku", "Odense", "Malmö",
            "Linz", "Bilbao", "Verona"};
    private static final String[] KINDS = {"Clinic", "Municipality", "Depot", "School", "Pharmacy",
            "Water Works", "Library", "Harbour", "Hospital", "Archive"};
    private static final MatrixState[] STATES = MatrixState.values();

    private final Instant now;
    private final List<MatrixSite> sites;
    private final List<MatrixRelease> releases;
    private final int releaseCount;
    private final byte[] states;
    private final byte[] percents;
    private final Map<Integer, MatrixCell> explicit = new ConcurrentHashMap<>();
    private final MatrixListeners listeners = new MatrixListeners();

    public GeneratedMatrixSource(int siteCount, int releaseCount, Instant now) {
        this.now = now;
        this.releaseCount = releaseCount;
        this.sites = makeSites(siteCount);
        this.releases = makeReleases(releaseCount);
        this.states = new byte[Math.multiplyExact(siteCount, releaseCount)];
        this.percents = new byte[states.length];
        for (int s = 0; s < siteCount; s++) {
            int ring = RINGS.indexOf(sites.get(s).ring());
            for (int r = 0; r < releaseCount; r++) {
                MatrixState state = initialState(s, ring, r);
                states[s * releaseCount + r] = (byte) state.ordinal();
                percents[s * releaseCount + r] = (byte) (state == MatrixState.SENDING ? 5 + (int) (unit(s, r, 7) * 90) : 0);
            }
        }
    }

    @Override
    public List<String> rings() {
        return RINGS;
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
    public MatrixState state(int site, int release) {
        return STATES[states[site * releaseCount + release]];
    }

    @Override
    public MatrixCell cell(int site, int release) {
        MatrixCell set = explicit.get(site * releaseCount + release);
        if (set != null) {
            return set;
        }
        MatrixState state = state(site, release);
        return state == MatrixState.NONE ? MatrixCell.NOT_TARGETED : details(site, release, state);
    }

    @Override
    public Subscription subscribe(MatrixListener listener) {
        return listeners.subscribe(listener);
    }

    /** Sets one cell and tells the listeners, as the outbox worker would. */
    public void set(int site, int release, MatrixCell cell) {
        int i = site * releaseCount + release;
        explicit.put(i, cell);
        states[i] = (byte) cell.state().ordinal();
        percents[i] = (byte) cell.percent();
        listeners.announce(MatrixChange.of(site, release));
    }

    /** Moves {@code count} random cells of the newest releases one step along delivery and install. */
    public void simulate(int count, Random random) {
        int[] changedSites = new int[count];
        int[] changedReleases = new int[count];
        for (int k = 0; k < count; k++) {
            int site = random.nextInt(sites.size());
            int release = releaseCount - 1 - random.nextInt(Math.min(3, releaseCount));
            int i = site * releaseCount + release;
            explicit.remove(i);
            MatrixState next = next(state(site, release), percents[i]);
            if (next == MatrixState.SENDING) {
                percents[i] = (byte) Math.min(99, percents[i] + 15 + random.nextInt(30));
            }
            states[i] = (byte) next.ordinal();
            changedSites[k] = site;
            changedReleases[k] = release;
        }
        listeners.announce(new MatrixChange(changedSites, changedReleases));
    }

    private static MatrixState next(MatrixState state, int percent) {
        switch (state) {
            case QUEUED:
            case RETRYING:
                return MatrixState.SENDING;
            case SENDING:
                return percent >= 80 ? MatrixState.DELIVERED : MatrixState.SENDING;
            case DELIVERED:
                return MatrixState.WAITING;
            case WAITING:
                return MatrixState.SCHEDULED;
            case SCHEDULED:
                return MatrixState.INSTALLING;
            case INSTALLING:
                return MatrixState.INSTALLED;
            default:
                return state;
        }
    }

    private MatrixState initialState(int site, int ring, int release) {
        int age = releaseCount - 1 - release;
        boolean betaSite = unit(site, 0, 1) < 0.1;
        boolean betaRelease = release % 7 == 3;
        if (betaRelease && !betaSite) {
            return MatrixState.NONE;
        }
        double u = unit(site, release, 2);
        if (unit(site, 0, 3) < 0.01 && age <= 1) {
            return MatrixState.HELD;
        }
        if (age == 4) {
            return u < 0.7 ? MatrixState.INSTALLED : MatrixState.PULLED;
        }
        if (age >= 3) {
            if (u < 0.002) {
                return MatrixState.ROLLED_BACK;
            }
            if (u < 0.003) {
                return MatrixState.FAILED;
            }
            if (u < 0.0035) {
                return MatrixState.REJECTED;
            }
            return age == 3 && ring == 3 && u > 0.8 ? MatrixState.WAITING : MatrixState.INSTALLED;
        }
        int lead = ring + age;   // how far this release has come in this ring: 0 just started .. 3+ done
        if (age == 0 && ring == 3) {
            return u < 0.6 ? MatrixState.QUEUED : MatrixState.NONE;
        }
        if (lead <= 1) {
            return pick(u, MatrixState.INSTALLED, 0.5, MatrixState.INSTALLING, 0.6, MatrixState.SCHEDULED, 0.8,
                    MatrixState.WAITING);
        }
        if (lead == 2) {
            return pick(u, MatrixState.SENDING, 0.25, MatrixState.RETRYING, 0.33, MatrixState.DELIVERED, 0.6,
                    MatrixState.WAITING);
        }
        return pick(u, MatrixState.QUEUED, 0.6, MatrixState.SENDING, 0.75, MatrixState.RETRYING, 0.8,
                MatrixState.QUEUED);
    }

    private static MatrixState pick(double u, MatrixState a, double ua, MatrixState b, double ub, MatrixState c,
                                    double uc, MatrixState d) {
        return u < ua ? a : u < ub ? b : u < uc ? c : d;
    }

    private MatrixCell details(int site, int release, MatrixState state) {
        int percent = percents[site * releaseCount + release];
        double u = unit(site, release, 5);
        Instant nextTime = null;
        String reason = null;
        String event;
        switch (state) {
            case RETRYING:
                nextTime = now.plus(Duration.ofMinutes(2 + (long) (u * 50)));
                reason = u < 0.5 ? "connection timed out after 30 s" : "authentication refused by the site";
                event = "upload failed: " + reason;
                break;
            case SCHEDULED:
                nextTime = now.plus(Duration.ofHours(3 + (long) (u * 60)));
                event = "scheduled by the site's install window";
                break;
            case WAITING:
                reason = u < 0.4 ? "wait days: 2 of 7 passed" : u < 0.7 ? "outside the install window 02:00-04:00"
                        : "blackout: within 24 h of billing";
                event = "checked: " + reason;
                break;
            case REJECTED:
                reason = "signed by a key the site does not trust";
                event = "kit refused";
                break;
            case FAILED:
                reason = "verify hook exited with 3; restore failed: disk full";
                event = "installation failed";
                break;
            case ROLLED_BACK:
                reason = "install hook exited with 2";
                event = "installation rolled back";
                break;
            case HELD:
                reason = "support hold: ticket " + (4000 + site % 997);
                event = "held by support";
                break;
            case PULLED:
                reason = "release pulled: data migration bug";
                event = "pull notice delivered";
                break;
            case SENDING:
                event = "upload started";
                break;
            default:
                event = state.word();
                break;
        }
        Instant eventAt = now.minus(Duration.ofMinutes(1 + (long) (u * 600)));
        return new MatrixCell(state, percent, reason, nextTime, event, eventAt);
    }

    private static List<MatrixSite> makeSites(int count) {
        List<MatrixSite> list = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            String name = CITIES[s % CITIES.length] + " " + KINDS[(s / CITIES.length) % KINDS.length]
                    + String.format(" %04d", s + 1);
            double u = unit(s, 0, 4);
            String ring = s < 3 || u < 0.003 ? "internal" : u < 0.03 ? "pilot" : u < 0.2 ? "early" : "broad";
            list.add(new MatrixSite(name, ring));
        }
        return List.copyOf(list);
    }

    private static List<MatrixRelease> makeReleases(int count) {
        List<MatrixRelease> list = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            int major = 11 + r / 40;
            int minor = (r % 40) / 4;
            int patch = r % 4;
            list.add(new MatrixRelease("Spruce", major + "." + minor + "." + patch));
        }
        return List.copyOf(list);
    }

    /** A repeatable number in [0, 1) for a cell and a purpose. */
    private static double unit(int site, int release, int salt) {
        long h = site * 0x9E3779B97F4A7C15L + release * 0xC2B2AE3D27D4EB4FL + salt * 0x165667B19E3779F9L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }
}
