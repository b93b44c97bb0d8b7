package io.patchbay.app.ui.workspace;

import io.patchbay.app.ui.matrix.CellDetail;
import io.patchbay.app.ui.matrix.CellDetails;
import io.patchbay.model.workspace.Event;
import io.patchbay.model.workspace.EventQuery;
import io.patchbay.model.workspace.Workspace;

import java.util.List;

/** A matrix cell's detail from the workspace: its delivery, the agent's checks and attempts, its events. */
public final class WorkspaceCellDetails implements CellDetails {
    private static final int EVENTS = 200;
    private final Workspace workspace;
    private final WorkspaceMatrixSource source;

    public WorkspaceCellDetails(Workspace workspace, WorkspaceMatrixSource source) {
        this.workspace = workspace;
        this.source = source;
    }

    @Override
    public CellDetail read(int site, int release) {
        String siteName = source.siteName(site);
        long releaseId = source.releaseId(release);
        String subject = subject(source.releaseTitle(release), siteName);
        // The subject filter matches a part: keep the cell's own kit and pull-notice events, not alpha-2's.
        List<Event> events = workspace.events().find(EventQuery.all().subject(subject).limit(EVENTS)).stream()
                .filter(e -> e.subject().equals(subject)
                        || e.subject().equals(source.releaseTitle(release) + " pull notice -> " + siteName))
                .toList();
        return new CellDetail(workspace.deliveries().find(releaseId, siteName).orElse(null),
                workspace.reports().checks(siteName, releaseId), workspace.reports().installations(siteName, releaseId),
                events, source.cell(site, release).nextChance());
    }

    /** How events name a cell: {@code Spruce 12.10.11 -> alpha}. */
    public static String subject(String releaseTitle, String siteName) {
        return releaseTitle + " -> " + siteName;
    }
}
