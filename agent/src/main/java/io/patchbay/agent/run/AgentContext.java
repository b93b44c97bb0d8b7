package io.patchbay.agent.run;

import io.patchbay.agent.home.AgentConfig;
import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.home.TrustStore;
import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.agent.registry.RegistryStore;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.policy.PolicyStore;
import io.patchbay.model.policy.SitePolicy;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;

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

    /** The site's trust: its roots ({@code trust/*.pub}) and the rotations it accepted. */
    TrustStore trust() {
        return new TrustStore(home);
    }

    /** Every key this site trusts now; refuses when there is none, since every kit would be. */
    List<PublicKey> trustedKeys() {
        return trust().keys();
    }
}
