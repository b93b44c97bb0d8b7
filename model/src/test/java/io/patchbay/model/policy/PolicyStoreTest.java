package io.patchbay.model.policy;

import io.patchbay.model.PatchbayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyStoreTest {
    @Test
    void aPolicyWithEveryFieldSetSurvivesAWriteAndRead(@TempDir Path home) throws Exception {
        SitePolicy p = PolicyCodec.apply(SitePolicy.spruceExample(ZoneId.of("America/New_York")), List.of(
                "mode=scheduled", "window=01:30-03:00", "blackout=2026-12-01T00:00/2026-12-02T00:00",
                "billing-runs=2026-12-01T02:00", "billing-margin-hours=36", "support-hold=true", "allow-major=true",
                "precondition=check --all", "precondition-bypass=true"));
        Path file = home.resolve("policy.json");
        PolicyStore.write(file, p);
        assertEquals(p, PolicyStore.read(file));
        String json = Files.readString(file);
        assertTrue(json.contains("\"window\" : \"01:30-03:00\""), json);
        assertTrue(json.contains("\"timeZone\" : \"America/New_York\""), json);
        assertTrue(json.contains("\"billingMargin\" : \"PT36H\""), json);
        assertTrue(json.contains("\"2026-12-01T02:00:00\""), json);
    }

    @Test
    void theDefaultPolicyRoundTrips() {
        SitePolicy p = SitePolicy.defaults(ZoneId.of("Europe/Paris"));
        assertEquals(p, PolicyStore.fromJson(PolicyStore.toJson(p)));
    }

    @Test
    void aDamagedFileIsRefusedNamingTheFile(@TempDir Path home) throws Exception {
        Path file = home.resolve("policy.json");
        Files.writeString(file, "{\"mode\":\"AUTOMATIC\",\"window\":\"25:00-07:00\",\"timeZone\":\"UTC\"}");
        PatchbayException e = assertThrows(PatchbayException.class, () -> PolicyStore.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not a site policy: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
