package io.patchbay.model.workspace;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A fresh workspace for each test of an {@link OnEachDatabase} class, on the backend the run hands it, closed after
 * the test. A subclass seeds it in a {@code @BeforeEach} of its own, which JUnit runs after {@link #openWorkspace()}.
 */
abstract class WorkspaceTestSupport {
    @Parameter
    Backend backend;
    @TempDir
    Path dir;
    /** The clock that stamps the workspace's rows, moved by hand; null where the test runs on the system clock. */
    final MutableClock clock;
    Workspace ws;

    WorkspaceTestSupport() {
        this(null);
    }

    WorkspaceTestSupport(Instant clockStart) {
        this.clock = clockStart == null ? null : new MutableClock(clockStart);
    }

    /** The workspace's folder: {@code dir} itself, unless the test keeps other files (kits) beside it. */
    Path workspaceFolder() {
        return dir;
    }

    /** Another connection to the test's workspace, as a second process or a restart opens it. */
    Workspace openAgain() {
        WorkspaceLocation location = backend.location(workspaceFolder());
        return clock == null ? Workspace.open(location) : Workspace.open(location, clock);
    }

    @BeforeEach
    void openWorkspace() {
        ws = openAgain();
    }

    @AfterEach
    void closeWorkspace() {
        ws.close();
    }
}
