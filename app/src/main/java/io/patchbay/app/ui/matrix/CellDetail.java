package io.patchbay.app.ui.matrix;

import io.patchbay.model.workspace.CheckResult;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.Event;
import io.patchbay.model.workspace.Installation;

import java.time.Instant;
import java.util.List;

/**
 * What the detail pane shows of one cell beyond the grid's state, read from the workspace on demand.
 *
 * @param delivery         the kit's delivery to the site (its tries, its last error); null when none was queued
 * @param checks           the agent's latest checks, in the order it reported them
 * @param installations    installation attempts, oldest first
 * @param events           the cell's events, newest first
 * @param nextInstallChance when the agent's rules next let the patch install; null while the model does not
 *                          know it (the agent's next-install-chance report fills it)
 * @param nextInstallRule  the rule that decides that instant, e.g. "window 22:00-04:00"; null with it
 */
public record CellDetail(Delivery delivery, List<CheckResult> checks, List<Installation> installations,
                         List<Event> events, Instant nextInstallChance, String nextInstallRule) {
    public static final CellDetail EMPTY = new CellDetail(null, List.of(), List.of(), List.of(), null, null);

    public CellDetail {
        checks = List.copyOf(checks);
        installations = List.copyOf(installations);
        events = List.copyOf(events);
    }
}
