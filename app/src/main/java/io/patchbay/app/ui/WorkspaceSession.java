package io.patchbay.app.ui;

import io.patchbay.model.workspace.Workspace;

/**
 * The open workspace and the person using the client (their user name goes into every event they cause).
 */
public record WorkspaceSession(Workspace workspace, String person) {
}
