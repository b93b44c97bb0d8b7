package io.patchbay.agent.run;

import io.patchbay.agent.home.AgentConfig;
import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.agent.registry.RegistryStore;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.policy.PolicyStore;
import io.patchbay.model.policy.SitePolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What every job of one agent shares: its home and settings, its clock, and the site's patch registry. */
record AgentContext(AgentHome home, AgentConfig config, Clock clock, RegistryStore store) {

    AgentContext(AgentHome home, AgentConfig config, Clock clock) {
        this(home, config, clock, new RegistryStore(home.patches()));
    }

    /** The site policy as now on disk (an operator may change it while the daemon runs). */
    SitePolicy policy() {
        try {
            return PolicyStore.read(home.policy());
        } catch (IOException e) {
            throw new PatchbayException("cannot read the site policy " + home.policy() + ": " + e.getMessage(), e);
        }
    }

    /** The patch's extracted kit (see {@code StagedKit}). */
    Path staging(PatchRecord rec) {
        return home.dir().resolve(rec.folder()).resolve("kit");
    }

    /** The kit file as received, kept beside its extraction. */
    Path kitFile(PatchRecord rec) {
        return home.dir().resolve(rec.folder()).resolve(rec.kit());
    }

    /** The signers this site trusts ({@code trust/*.pub}); refuses when there is none, since every kit would be. */
    List<PublicKey> trustedKeys() {
        List<PublicKey> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(home.trust())) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".pub")).sorted().toList()) {
                keys.add(SigningKeys.readPublic(f));
            }
        } catch (IOException e) {
            throw new PatchbayException("cannot read the trusted keys in " + home.trust() + ": " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new PatchbayException("no trusted key in " + home.trust() + ": every kit is refused");
        }
        return keys;
    }
}
