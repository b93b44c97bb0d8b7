package io.patchbay.agent.registry;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.release.Version;
import io.patchbay.model.report.PatchState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The site's patch registry as one value: every patch ever received, the version installed per product, and the
 * releases the vendor pulled.
 *
 * @param patches   in the order received
 * @param installed product to installed version
 * @param pulls     releases pulled by signed notices, in the order received (a registry written before pull
 *                  notices existed has none)
 * @param products  the products this agent serves: named at {@code init}, or pinned by the first kit received;
 *                  empty until then (a kit of any other product is refused on receipt)
 */
public record Registry(List<PatchRecord> patches, Map<String, String> installed, List<PullRecord> pulls,
                       List<String> products) {

    public Registry {
        patches = patches == null ? List.of() : List.copyOf(patches);
        installed = installed == null ? Map.of() : Map.copyOf(new TreeMap<>(installed));
        pulls = pulls == null ? List.of() : List.copyOf(pulls);
        products = products == null ? List.of() : List.copyOf(products);
    }

    public static Registry empty() {
        return new Registry(List.of(), Map.of(), List.of(), List.of());
    }

    /** Whether a kit of {@code product} may be received here; true for any product until one is pinned. */
    public boolean serves(String product) {
        return products.isEmpty() || products.contains(product);
    }

    /** The registry serving {@code product} too (the first kit's product pins an agent that named none). */
    public Registry withProduct(String product) {
        if (products.contains(product)) {
            return this;
        }
        List<String> all = new ArrayList<>(products);
        all.add(product);
        return new Registry(patches, installed, pulls, all);
    }

    /** The pull of {@code product version}, if a notice said so; empty for a kit that could not be read. */
    public Optional<PullRecord> pullOf(String product, String version) {
        return pulls.stream().filter(p -> p.isAbout(product, version)).findFirst();
    }

    public Optional<PullRecord> pullOf(PatchRecord patch) {
        return patch.kitRefused() ? Optional.empty() : pullOf(patch.product(), patch.version());
    }

    /**
     * Records a pull; a second notice of the same release keeps the first record (when the site was first told),
     * raising only the highest sequence seen.
     */
    public Registry withPull(PullRecord pull) {
        List<PullRecord> all = new ArrayList<>(pulls);
        Optional<PullRecord> known = pullOf(pull.product(), pull.version());
        if (known.isPresent()) {
            all.set(all.indexOf(known.get()), known.get().seen(pull.sequence()));
        } else {
            all.add(pull);
        }
        return new Registry(patches, installed, all, products);
    }

    public Optional<PatchRecord> bySha(String sha) {
        return patches.stream().filter(p -> sha.equals(p.kitSha256())).findFirst();
    }

    public Optional<PatchRecord> byId(String id) {
        return patches.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public PatchRecord require(String id) {
        return byId(id).orElseThrow(() -> new PatchbayException("no patch " + id + " in the registry"));
    }

    public Version installedVersion(String product) {
        String v = installed.get(product);
        return v == null ? null : Version.parse(v);
    }

    public Registry with(PatchRecord record) {
        List<PatchRecord> all = new ArrayList<>(patches);
        all.add(record);
        return new Registry(all, installed, pulls, products);
    }

    public Registry replace(String id, UnaryOperator<PatchRecord> change) {
        List<PatchRecord> all = new ArrayList<>();
        boolean found = false;
        for (PatchRecord p : patches) {
            if (p.id().equals(id)) {
                all.add(change.apply(p));
                found = true;
            } else {
                all.add(p);
            }
        }
        if (!found) {
            throw new PatchbayException("no patch " + id + " in the registry");
        }
        return new Registry(all, installed, pulls, products);
    }

    public Registry withInstalled(String product, String version) {
        Map<String, String> map = new LinkedHashMap<>(installed);
        map.put(product, version);
        return new Registry(patches, map, pulls, products);
    }

    /**
     * The version that replaced {@code patch}, when it was installed and a newer version of its product is installed
     * now: its record still says installed (that is its history), but the site no longer runs it.
     */
    public Optional<String> supersededBy(PatchRecord patch) {
        if (patch.kitRefused() || (patch.state() != PatchState.INSTALLED && patch.state() != PatchState.UP_TO_DATE)) {
            return Optional.empty();
        }
        Version current = installedVersion(patch.product());
        return current != null && current.isNewerThan(Version.parse(patch.version()))
                ? Optional.of(current.toString()) : Optional.empty();
    }

    /** Patches a tick decides, by product and then lowest version first, so upgrades go in order. */
    public List<PatchRecord> waiting() {
        return patches.stream().filter(PatchRecord::waiting)
                .sorted(Comparator.comparing(PatchRecord::product)
                        .thenComparing(p -> Version.parse(p.version())))
                .toList();
    }

    /**
     * The readable patch an operator means by {@code version} (and {@code product} when given); refuses, naming
     * the choices, when the version matches patches of several products. Of several kits of one release, the
     * latest received.
     */
    public PatchRecord find(String version, String product) {
        Version wanted = Version.parse(version);
        List<PatchRecord> matches = patches.stream()
                .filter(p -> !p.kitRefused() && Version.parse(p.version()).equals(wanted))
                .filter(p -> product == null || p.product().equalsIgnoreCase(product))
                .toList();
        if (matches.isEmpty()) {
            throw new PatchbayException("no received patch " + (product == null ? "" : product + " ") + version
                    + " on this site; see 'patchbay agent list'");
        }
        List<String> products = matches.stream().map(PatchRecord::product).distinct().sorted().toList();
        if (products.size() > 1) {
            throw new PatchbayException("version " + version + " matches patches of several products ("
                    + String.join(", ", products) + "): choose one with --product");
        }
        return matches.get(matches.size() - 1);
    }
}
