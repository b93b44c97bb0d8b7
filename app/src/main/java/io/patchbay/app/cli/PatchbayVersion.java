package io.patchbay.app.cli;

import picocli.CommandLine;

/** {@code patchbay --version}: the version Maven stamped into the jar. */
final class PatchbayVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = PatchbayCommand.class.getPackage().getImplementationVersion();
        return new String[]{"patchbay " + (v == null ? "development build" : v)};
    }
}
