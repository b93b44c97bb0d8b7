package io.patchbay.agent.home;

import io.patchbay.model.NotFoundException;
import io.patchbay.agent.http.ServerKeystore;
import io.patchbay.agent.notify.MailSettings;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.ProductNames;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.policy.PolicyStore;
import io.patchbay.model.policy.SitePolicy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import io.patchbay.agent.registry.Registry;
import io.patchbay.agent.registry.RegistryStore;
import io.patchbay.model.release.Version;

/**
 * {@code patchbay agent init}: creates an agent home. Refuses an existing home and a missing install root before
 * writing anything. Copies the trusted public keys into {@code trust/}, writes {@code agent.json} (secrets only as
 * file paths) and the default policy ({@link SitePolicy#defaults}) in the site's zone.
 *
 * <p>The agent serves the products named ({@code --product}), by default the {@code installed} ones; with
 * neither, the product of the first kit received is pinned from then on. A kit of any other product is refused on
 * receipt.
 *
 * <p>{@code installed} records what is on the site already (product to version), since a kit's {@code requires}
 * is checked against it; a site with nothing recorded takes only kits that require nothing.
 *
 * <p>An SFTP site maps onto a home directly: the SFTP URL's path is the agent home, so the workstation uploads
 * into {@code <home>/inbox/} and reads {@code <home>/status/}.
 */
public final class AgentSetup {
    private AgentSetup() {
    }

    /**
     * What {@code agent init} was given; paths are made absolute.
     *
     * @param products the products this agent serves ({@code --product}); null or empty: the {@code installed}
     *                 products, or with neither the product of the first kit received
     */
    public record Request(Path home, String site, Path installRoot, Path dataRoot, List<Path> trust, Path inbox,
                          AgentConfig.Https https, MailSettings mail, ZoneId timeZone, Duration tick,
                          Map<String, String> installed, List<String> products) {

        /** A request that names no product: the installed ones, or the first kit's, are served. */
        public Request(Path home, String site, Path installRoot, Path dataRoot, List<Path> trust, Path inbox,
                       AgentConfig.Https https, MailSettings mail, ZoneId timeZone, Duration tick,
                       Map<String, String> installed) {
            this(home, site, installRoot, dataRoot, trust, inbox, https, mail, timeZone, tick, installed, null);
        }

        /** What the agent serves: the products named, else the installed ones; empty pins the first kit's. */
        List<String> served() {
            List<String> named = products != null && !products.isEmpty() ? products
                    : installed == null ? List.of() : List.copyOf(new java.util.TreeSet<>(installed.keySet()));
            return named.stream().map(ProductNames::check).distinct().toList();
        }
    }

    public static AgentConfig init(Request r) throws IOException {
        AgentHome home = new AgentHome(r.home());
        if (Files.exists(home.config())) {
            throw new PatchbayException("an agent home already exists at " + home.dir());
        }
        if (!Files.isDirectory(r.installRoot())) {
            throw new PatchbayException("install root does not exist: " + r.installRoot().toAbsolutePath());
        }
        if (r.dataRoot() != null && !Files.isDirectory(r.dataRoot())) {
            throw new PatchbayException("data root does not exist: " + r.dataRoot().toAbsolutePath());
        }
        if (r.trust().isEmpty()) {
            throw new PatchbayException("give at least one trusted public key with --trust");
        }
        List<PublicKey> keys = new java.util.ArrayList<>();
        for (Path key : r.trust()) {
            keys.add(SigningKeys.readPublic(key));
        }
        if (r.https() != null) {
            for (Path p : new Path[]{r.https().keystore(), r.https().tokenFile(), r.https().keystorePasswordFile()}) {
                if (p != null && !Files.isRegularFile(p)) {
                    throw new NotFoundException("no such file: " + p.toAbsolutePath());
                }
            }
        }
        if (r.mail() != null && r.mail().passwordFile() != null && !Files.isRegularFile(r.mail().passwordFile())) {
            throw new NotFoundException("no such file: " + r.mail().passwordFile().toAbsolutePath());
        }
        SecretFiles.named(r.https(), r.mail()).forEach(s -> SecretFiles.requirePrivate(s.file(), s.what()));
        if (r.https() != null) {
            checkHttps(r.https());
        }
        if (r.installed() != null) {
            r.installed().values().forEach(Version::parse); // refuses a malformed version before anything is written
            r.installed().keySet().forEach(ProductNames::check);
        }
        List<String> served = r.served();
        home.createFolders();
        for (PublicKey key : keys) {
            String name = SigningKeys.fingerprint(key).replace("SHA256:", "").replaceAll("[^A-Za-z0-9]", "") + ".pub";
            if (!Files.exists(home.trust().resolve(name))) {
                SigningKeys.writePublic(home.trust().resolve(name), key);
            }
        }
        AgentKey.ensure(home); // signs the reports a site without a network carries back
        Path inbox = r.inbox() == null ? home.defaultInbox() : r.inbox().toAbsolutePath().normalize();
        Files.createDirectories(inbox);
        AgentConfig config = new AgentConfig(r.site() == null ? home.dir().getFileName().toString() : r.site(),
                abs(r.installRoot()), abs(r.dataRoot()), inbox, absolute(r.https()), r.mail(), r.tick());
        PolicyStore.write(home.policy(), SitePolicy.defaults(r.timeZone() == null ? ZoneId.systemDefault() : r.timeZone()));
        if ((r.installed() != null && !r.installed().isEmpty()) || !served.isEmpty()) {
            new RegistryStore(home.patches()).update(reg -> {
                Registry out = reg;
                for (var e : (r.installed() == null ? Map.<String, String>of() : r.installed()).entrySet()) {
                    out = out.withInstalled(e.getKey(), Version.parse(e.getValue()).toString());
                }
                for (String product : served) {
                    out = out.withProduct(product);
                }
                return out;
            });
        }
        AgentConfigStore.save(home, config);
        return config;
    }

    // What `run` would trip over later: a keystore its password does not open, an address not of this machine.
    private static void checkHttps(AgentConfig.Https https) {
        char[] password = https.keystorePasswordFile() == null ? new char[0]
                : SecretFiles.read(https.keystorePasswordFile(), "keystore password file").toCharArray();
        ServerKeystore.open(https.keystore(), password);
        InetAddress address = https.bindAddress().getAddress();
        try {
            if (!address.isAnyLocalAddress() && NetworkInterface.getByInetAddress(address) == null) {
                throw new PatchbayException("HTTPS bind address " + https.bind() + " is not an address of this machine");
            }
        } catch (SocketException e) {
            throw new PatchbayException("cannot list this machine's addresses to check " + https.bind() + ": " + e.getMessage(), e);
        }
    }

    private static AgentConfig.Https absolute(AgentConfig.Https h) {
        return h == null ? null : new AgentConfig.Https(h.port(), abs(h.keystore()), abs(h.keystorePasswordFile()),
                abs(h.tokenFile()), h.bind());
    }

    private static Path abs(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize();
    }
}
