package io.patchbay.app.ui.sites;

import io.patchbay.app.ui.RecordingDialogService;
import io.patchbay.app.ui.WorkspaceSession;
import io.patchbay.app.ui.task.CurrentThreadTaskExecutor;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.sftp.ProbeReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SitesViewModelTest {
    private static final String FP = "SHA256:abcDEF123+/xyz";
    @TempDir
    Path dir;
    private Workspace ws;
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final ScriptedTester tester = new ScriptedTester();
    private SitesViewModel model;

    @BeforeEach
    void open() {
        ws = Workspace.open(dir);
        model = new SitesViewModel(new WorkspaceSession(ws, "alice"), new CurrentThreadTaskExecutor(), dialogs, tester,
                () -> { });
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void aValidFormAddsTheSiteToTheTable() {
        SiteForm form = sftpForm("alpha");
        form.ring.set("pilot");
        form.timeZone.set("Europe/Paris");

        assertTrue(model.save(form, site -> { }));

        assertEquals(1, model.rows().size());
        SiteRow row = model.rows().get(0);
        assertEquals(List.of("alpha", "sftp", "pilot", "stable", "Europe/Paris"),
                List.of(row.name(), row.kind(), row.ring(), row.channel(), row.timeZone()));
        assertEquals(List.of(), dialogs.errors);
    }

    @Test
    void aBadFieldIsRefusedNamingIt() {
        SiteForm form = sftpForm("alpha");
        form.timeZone.set("Mars/Olympus");

        assertFalse(model.save(form, site -> { }));

        assertEquals("timeZone", form.errorFieldProperty().get());
        assertTrue(form.errorProperty().get().contains("Mars/Olympus"), form.errorProperty().get());
        assertTrue(ws.sites().list().isEmpty());

        form.timeZone.set("UTC");
        form.endpoint.set("https://alpha.example");
        assertFalse(model.save(form, site -> { }));
        assertEquals("endpoint", form.errorFieldProperty().get());
    }

    @Test
    void theEditorOffersTheWorkspacesRingsAndZonesAndPicksFiles() {
        SiteForm alpha = sftpForm("alpha");
        alpha.ring.set("lab");
        alpha.timeZone.set("Europe/Paris");
        model.save(alpha, site -> { });

        SiteForm form = model.newForm();

        assertEquals(List.of("lab", "internal", "pilot", "early", "broad"), form.ringChoices());
        assertEquals(List.of("Europe/Paris", "UTC"), form.zoneChoices().subList(0, 2));
        dialogs.fileAnswers.add(dir.resolve("keys/id_ed25519"));
        model.choose(form, "identity");
        assertEquals(dir.resolve("keys/id_ed25519").toString(), form.identityFile.get());
    }

    @Test
    void thePolicyIsAFormWhoseFieldsAreCheckedAndAnUntouchedOneKeepsTheJson() {
        SiteForm untouched = sftpForm("alpha");
        assertTrue(model.save(untouched, site -> { }));
        assertEquals("{}", ws.sites().find("alpha").orElseThrow().spec().policyJson(), "nothing set: nothing written");

        SiteForm form = sftpForm("beta");
        form.policyForm().field("window").set("25:00-04:00");
        assertFalse(model.save(form, site -> { }));
        assertEquals("policy", form.errorFieldProperty().get());
        assertTrue(form.errorProperty().get().startsWith("policy key 'window': expected HH:MM-HH:MM"),
                form.errorProperty().get());

        form.policyForm().field("window").set("22:00-04:00");
        form.policyForm().field("mode").set("manual");
        assertTrue(model.save(form, site -> { }), form.errorProperty().get());
        model.selectedProperty().set(model.rows().stream().filter(r -> r.name().equals("beta")).findFirst().orElseThrow());
        SiteForm again = model.editForm();
        assertEquals("22:00-04:00", again.policyForm().field("window").get());
        assertEquals("manual", again.policyForm().field("mode").get());
    }

    @Test
    void editingKeepsTheNameAndSavesTheChange() {
        model.save(sftpForm("alpha"), site -> { });
        model.selectedProperty().set(model.rows().get(0));
        SiteForm form = model.editForm();
        form.ring.set("early");

        model.save(form, site -> { });

        assertEquals("early", ws.sites().get("alpha").ring());
    }

    @Test
    void removeAsksFirst() {
        model.save(sftpForm("alpha"), site -> { });
        model.selectedProperty().set(model.rows().get(0));
        dialogs.confirmAnswer = false;
        model.removeSelected();
        assertEquals(1, ws.sites().list().size());

        dialogs.confirmAnswer = true;
        model.removeSelected();
        assertTrue(ws.sites().list().isEmpty());
        assertTrue(model.rows().isEmpty());
    }

    @Test
    void testingAnHttpsSiteProbesItsAgentAndShowsARefusalInOneLine() throws Exception {
        Path token = java.nio.file.Files.writeString(dir.resolve("token"), "secret\n");
        ws.sites().add(SiteSpec.https("delta", "https://delta.example:8443", token, null), "alice");
        model.refresh();
        model.selectedProperty().set(model.rows().stream().filter(r -> r.name().equals("delta")).findFirst().orElseThrow());

        model.testSelected();

        assertEquals(List.of("Test connection to delta: TLS: the certificate of https://delta.example:8443 is not trusted"),
                dialogs.errors);
    }

    @Test
    void anUnknownHostKeyIsPinnedOnlyAfterTheUserAgrees() {
        model.save(sftpForm("alpha"), site -> { });
        model.selectedProperty().set(model.rows().get(0));
        tester.unknownUntilPinned = true;

        dialogs.confirmAnswer = false;
        model.testSelected();
        assertEquals(List.of(), tester.pinned);
        assertTrue(dialogs.confirmations.get(0).contains(FP), dialogs.confirmations.toString());

        dialogs.confirmAnswer = true;
        model.testSelected();
        assertEquals(List.of(FP), tester.pinned);
        assertTrue(dialogs.notices.stream().anyMatch(n -> n.contains("Host key ssh-ed25519 " + FP)), dialogs.notices.toString());
    }

    private SiteForm sftpForm(String name) {
        SiteForm form = model.newForm();
        form.name.set(name);
        form.endpoint.set("sftp://patchbay@" + name + ".example:22/patchbay");
        form.identityFile.set(dir.resolve("id_ed25519").toString());
        form.knownHostsFile.set(dir.resolve("known_hosts").toString());
        return form;
    }

    /** Answers like an SFTP server whose host key is unknown until pinned (a unit test of the view model). */
    private static final class ScriptedTester implements ConnectionTester {
        boolean unknownUntilPinned;
        final List<String> pinned = new ArrayList<>();

        @Override
        public io.patchbay.transport.outbox.HttpsProbeReport probeHttps(SiteSpec site) {
            throw new PatchbayException("TLS: the certificate of " + site.endpoint() + " is not trusted");
        }

        @Override
        public ProbeReport probe(SiteSpec site) {
            if (unknownUntilPinned && pinned.isEmpty()) {
                throw new PatchbayException("unknown host key for [" + site.name() + ".example]:22: ssh-ed25519 " + FP
                        + "; if that is the site's key, pin it with --accept-host-key " + FP);
            }
            return new ProbeReport("SSH-2.0-OpenSSH_9.6", "ssh-ed25519", FP, true, true, true, true, 0);
        }

        @Override
        public String pinHostKey(SiteSpec site, String fingerprint) {
            pinned.add(fingerprint);
            return "line";
        }
    }
}
