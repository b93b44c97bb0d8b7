package io.patchbay.app.ui.matrix;

import io.patchbay.model.report.InstallChance;
import io.patchbay.model.workspace.CheckResult;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.Event;
import io.patchbay.model.workspace.Installation;

import java.util.List;

/**
 * What the detail pane shows of one cell beyond the grid's state, read from the workspace on demand.
 *
 * @param delivery         the kit's delivery to the site (its tries, its last error); null when none was queued
 * @param checks           the agent's latest checks, in the order it reported them
 * @param installations    installation attempts, oldest first
 * @param events           the cell's events, newest first
 * @param nextChance       when the site's rules next let a waiting patch install, with the rule that decides it,
 *                         as its agent last reported; null when the agent reported none
 */
public record CellDetail(Delivery delivery, List<CheckResult> checks, List<Installation> installations,
                         List<Event> events, InstallChance nextChance) {
    public static final CellDetail EMPTY = new CellDetail(null, List.of(), List.of(), List.of(), null);

    public CellDetail {
        checks = List.copyOf(checks);
        installations = List.copyOf(installations);
        events = List.copyOf(events);
    }
}
