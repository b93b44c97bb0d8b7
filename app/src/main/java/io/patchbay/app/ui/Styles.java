package io.patchbay.app.ui;

import io.patchbay.model.matrix.MatrixState;
import javafx.css.PseudoClass;
import javafx.scene.Node;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Style classes and pseudo-classes of styles/patchbay.css, so Java never spells a class name twice and
 * never sets a colour: it switches classes, the stylesheet decides how they look.
 */
public final class Styles {
    // shell
    public static final String SIDEBAR = "sidebar";
    public static final String APP_TITLE = "app-title";
    public static final String NAV_BUTTON = "nav-button";
    public static final String SHORTCUT = "shortcut";
    public static final String CONTENT = "content";
    public static final String SCREEN_TITLE = "screen-title";
    public static final String PLACEHOLDER = "placeholder";
    public static final String PLACEHOLDER_TITLE = "placeholder-title";
    public static final String STATUS_BAR = "status-bar";
    public static final String TASKS_BUTTON = "tasks-button";
    /** The status bar's count of open alerts; shows only while one is open. */
    public static final String ALERT_BADGE = "alert-badge";
    public static final String TOOLBAR_ROW = "toolbar-row";
    public static final String MUTED = "muted";
    /** The empty workspace's offer of demo sites, in the matrix area. */
    public static final String FIRST_RUN = "first-run";
    public static final String FIRST_RUN_TITLE = "first-run-title";

    // workspace screens
    public static final String SCREEN = "screen";
    public static final String FORM_GRID = "form-grid";
    public static final String FIELD_LABEL = "field-label";
    public static final String FIELD_ERROR = "field-error";
    public static final String SECTION_TITLE = "section-title";
    public static final String SUMMARY_BOX = "summary-box";
    public static final String CODE_AREA = "code-area";
    public static final String WIZARD_STEPS = "wizard-steps";
    public static final String WIZARD_STEP = "wizard-step";
    /** A text field whose value is refused. */
    public static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    // states: a node with STATE gets one state pseudo-class; its STATE_ICON and STATE_TEXT follow it
    public static final String STATE = "state";
    public static final String STATE_ICON = "state-icon";
    public static final String STATE_TEXT = "state-text";

    // a site's agent on the Sites screen: AGENT_HEALTH cells get one pseudo-class per AgentCondition.Kind
    public static final String AGENT_HEALTH = "agent-health";

    /** e.g. {@code :not-heard-from} for {@link io.patchbay.model.workspace.AgentCondition.Kind#NOT_HEARD_FROM}. */
    public static PseudoClass agentHealthClass(io.patchbay.model.workspace.AgentCondition.Kind kind) {
        return PseudoClass.getPseudoClass(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }

    // a site's detail: the installed-state summary gets :verified, :differs or :failed (words carry the meaning too)
    public static final String INSTALLED_STATE = "installed-state";
    public static final String SITE_DETAIL = "site-detail";
    /** A site's refused status report in its detail: its words say it; the colour only underlines it. */
    public static final String REPORT_REFUSED = "report-refused";

    /** e.g. {@code :differs} for a check that found a file not as released. */
    public static PseudoClass installedStateClass(String outcome) {
        return PseudoClass.getPseudoClass(outcome.toLowerCase(java.util.Locale.ROOT));
    }

    // the matrix
    public static final String MATRIX_GRID = "matrix-grid";
    public static final String MATRIX_BODY = "matrix-body";
    public static final String MATRIX_CELL = "matrix-cell";
    public static final String MATRIX_CORNER = "matrix-corner";
    public static final String MATRIX_COLUMN_HEADER = "matrix-column-header";
    public static final String MATRIX_ROW_HEADER = "matrix-row-header";
    public static final String MATRIX_RING_HEADER = "matrix-ring-header";
    public static final String MATRIX_FOOTER = "matrix-footer";
    public static final String RING_TAG = "ring-tag";
    public static final String PRODUCT = "product";
    public static final String VERSION = "version";
    /** A release header's "3/4 installed, 75%". */
    public static final String ADOPTION = "adoption";
    /** A table column of numbers: right-aligned. */
    public static final String NUMERIC = "numeric";
    /** The matrix's detail pane for the cell under the cursor. */
    public static final String DETAIL_PANE = "detail-pane";

    public static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    /** A matrix cell in a ring header row. */
    public static final PseudoClass BAND = PseudoClass.getPseudoClass("band");
    /** The matrix cell the keyboard works on. */
    public static final PseudoClass CURSOR = PseudoClass.getPseudoClass("cursor");
    /** A report table's total row. */
    public static final PseudoClass TOTAL_ROW = PseudoClass.getPseudoClass("total");
    /** The header of a pulled release's column. */
    public static final PseudoClass PULLED_RELEASE = PseudoClass.getPseudoClass("pulled-release");
    /** A cell outside the state filter, drawn faded. */
    public static final PseudoClass DIMMED = PseudoClass.getPseudoClass("dimmed");

    private static final Map<MatrixState, PseudoClass> STATE_CLASSES = new EnumMap<>(MatrixState.class);

    static {
        for (MatrixState state : MatrixState.values()) {
            STATE_CLASSES.put(state, PseudoClass.getPseudoClass(stateClassName(state)));
        }
    }

    private Styles() {
    }

    /** The pseudo-class name of a state: "installed", "rolled-back", "not-targeted". */
    public static String stateClassName(MatrixState state) {
        return state == MatrixState.NONE ? "not-targeted" : state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static PseudoClass stateClass(MatrixState state) {
        return STATE_CLASSES.get(state);
    }

    /** Moves a state node from one state to another (either may be null). */
    public static void switchState(Node node, MatrixState from, MatrixState to) {
        if (from == to) {
            return;
        }
        if (from != null) {
            node.pseudoClassStateChanged(STATE_CLASSES.get(from), false);
        }
        if (to != null) {
            node.pseudoClassStateChanged(STATE_CLASSES.get(to), true);
        }
    }
}
