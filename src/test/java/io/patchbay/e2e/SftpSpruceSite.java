package io.patchbay.e2e;

import io.patchbay.transport.fixtures.OpenSshServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The site the agent end-to-end tests ship to: a {@link SpruceShipment} whose agent home a real OpenSSH sshd on
 * loopback serves as the SFTP site, and the site's agent ({@code agent run}) as its own process. Both are stopped
 * after each test, whatever happened: {@code @RegisterExtension final SftpSpruceSite site = new SftpSpruceSite();}
 */
final class SftpSpruceSite implements AfterEachCallback {
    private OpenSshServer sshd;
    private Launcher.Running agent;

    /** Starts sshd and sets up the shipment in {@code dir}: a signing key, the site's folders. */
    SpruceShipment open(Path dir) throws Exception {
        sshd = OpenSshServer.start(dir.resolve("sshd"));
        return new SpruceShipment(dir);
    }

    /** {@code agent policy --set SETTING} for each setting, then {@code agent run} until the test ends. */
    Launcher.Running runAgent(SpruceShipment s, String... settings) throws Exception {
        for (String setting : settings) {
            s.pb.run("agent", "policy", "--home", s.agentHome.toString(), "--set", setting).ok();
        }
        agent = s.pb.start("agent", "run", "--home", s.agentHome.toString());
        return agent;
    }

    /** {@code site add NAME --sftp} to the agent home through sshd, pinning its host key, plus {@code options}. */
    Launcher.Result addSftpSite(SpruceShipment s, String name, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("site", "add", name, "--sftp", sshd.url(s.agentHome),
                "--identity", sshd.userKey().toString(), "--known-hosts", sshd.knownHosts().toString()));
        args.addAll(List.of(options));
        return s.workstation(args.toArray(String[]::new));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        SpruceShipment.stop(agent);
        if (sshd != null) {
            sshd.close();
        }
    }
}
