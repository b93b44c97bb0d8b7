package io.patchbay.app.cli;

import io.patchbay.model.BuildInfo;
import picocli.CommandLine;

/** {@code patchbay --version}: the version and commit the build stamped (BuildInfo), and the Java it runs on. */
final class PatchbayVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[]{"patchbay " + BuildInfo.current().line(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
