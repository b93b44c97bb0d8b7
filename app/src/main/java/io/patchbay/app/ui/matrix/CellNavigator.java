package io.patchbay.app.ui.matrix;

/**
 * Where the matrix's context menu leads outside the grid: a site's console (where the client can open the
 * site's agent home, e.g. the demo's sites) and the event log of one cell.
 */
public interface CellNavigator {
    /** Leads nowhere: no console, no event log (demo data without a workspace, tests). */
    CellNavigator NONE = new CellNavigator() {
        @Override
        public boolean hasConsole(String site) {
            return false;
        }

        @Override
        public void openConsole(String site) {
        }

        @Override
        public boolean hasEvents() {
            return false;
        }

        @Override
        public void showEvents(String subject) {
        }
    };

    /** Whether this client can open the site's agent home in the Site console. */
    boolean hasConsole(String site);

    void openConsole(String site);

    /** Whether there is an event log to show. */
    boolean hasEvents();

    /** The event log, filtered to this subject ("Spruce 12.10.11 -> alpha"). */
    void showEvents(String subject);
}
