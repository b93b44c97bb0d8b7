package io.patchbay.app.ui.matrix;

import io.patchbay.app.ui.Styles;
import io.patchbay.model.matrix.MatrixChange;
import io.patchbay.model.matrix.MatrixState;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

import java.util.Map;

/**
 * The site matrix, virtualised in both directions: only the cells on screen exist as nodes (a few
 * hundred, whatever the size of the matrix), recycled as the user scrolls. The release header row and
 * the site column stay in place. A filter refills the visible cells; a live change refills only the
 * changed cells that are on screen.
 */
public final class MatrixGrid extends Region {
    public static final double ROW_HEIGHT = 28;
    public static final double COLUMN_WIDTH = 150;
    public static final double HEADER_HEIGHT = 60;
    public static final double SITE_COLUMN_WIDTH = 260;

    private final MatrixViewModel model;
    private final Label corner = new Label("Site  ·  ring");
    private final Pane header = viewport();
    private final Pane headerLayer = layer();
    private final Pane siteColumn = viewport();
    private final Pane siteLayer = layer();
    private final Pane body = viewport();
    private final Pane bodyLayer = layer();
    private final ScrollBar vbar = new ScrollBar();
    private final ScrollBar hbar = new ScrollBar();
    private final Recycler<MatrixCellNode> cells = new Recycler<>(bodyLayer, MatrixCellNode::new);
    private final Recycler<RowHeaderNode> rowHeaders = new Recycler<>(siteLayer, RowHeaderNode::new);
    private final Recycler<ColumnHeaderNode> columnHeaders = new Recycler<>(headerLayer, ColumnHeaderNode::new);
    private final Tooltip tooltip = new Tooltip();

    private double bodyWidth;
    private double bodyHeight;
    private long tooltipKey = -1;
    private long dragKey = -1;
    private boolean placed;

    public MatrixGrid(MatrixViewModel model) {
        this.model = model;
        getStyleClass().add(Styles.MATRIX_GRID);
        body.getStyleClass().add(Styles.MATRIX_BODY);
        corner.getStyleClass().add(Styles.MATRIX_CORNER);
        vbar.setOrientation(Orientation.VERTICAL);
        header.getChildren().add(headerLayer);
        siteColumn.getChildren().add(siteLayer);
        body.getChildren().add(bodyLayer);
        getChildren().addAll(body, header, siteColumn, corner, vbar, hbar);
        setFocusTraversable(true);

        vbar.valueProperty().addListener(o -> showVisible());
        hbar.valueProperty().addListener(o -> showVisible());
        model.rowsProperty().addListener(o -> refillAll());
        model.selectionVersionProperty().addListener(o -> repaintSelection());
        model.cursorProperty().addListener((o, old, now) -> repaintCursor(old, now));
        model.addCellListener(this::repaintChanged);

        tooltip.setShowDelay(Duration.millis(400));
        tooltip.setShowDuration(Duration.seconds(30));
        Tooltip.install(body, tooltip);
        body.addEventHandler(MouseEvent.MOUSE_MOVED, this::updateTooltip);
        body.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressCell);
        body.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragCell);
        header.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressColumnHeader);
        siteColumn.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressRowHeader);
        addEventHandler(ScrollEvent.SCROLL, this::scroll);
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
    }

    /** Scrolls so that a display row and release column are at the top left. */
    public void scrollTo(int row, int column) {
        placed = true;
        vbar.setValue(clamp(row * ROW_HEIGHT, vbar.getMax()));
        hbar.setValue(clamp(column * COLUMN_WIDTH, hbar.getMax()));
    }

    /** The cell node showing a display row and release now, or null when it is off screen. */
    public MatrixCellNode visibleCell(int row, int column) {
        return cells.get(key(row, column));
    }

    /** How many cell nodes exist: a measure of the virtualisation, whatever the matrix size. */
    public int cellNodeCount() {
        return bodyLayer.getChildren().size();
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth();
        double height = getHeight();
        double barWidth = vbar.prefWidth(-1);
        double barHeight = hbar.prefHeight(-1);
        bodyWidth = Math.max(0, width - SITE_COLUMN_WIDTH - barWidth);
        bodyHeight = Math.max(0, height - HEADER_HEIGHT - barHeight);

        corner.resizeRelocate(0, 0, SITE_COLUMN_WIDTH, HEADER_HEIGHT);
        place(header, SITE_COLUMN_WIDTH, 0, bodyWidth, HEADER_HEIGHT);
        place(siteColumn, 0, HEADER_HEIGHT, SITE_COLUMN_WIDTH, bodyHeight);
        place(body, SITE_COLUMN_WIDTH, HEADER_HEIGHT, bodyWidth, bodyHeight);
        vbar.resizeRelocate(width - barWidth, HEADER_HEIGHT, barWidth, bodyHeight);
        hbar.resizeRelocate(SITE_COLUMN_WIDTH, height - barHeight, bodyWidth, barHeight);
        configure(vbar, model.rows().size() * ROW_HEIGHT, bodyHeight, ROW_HEIGHT);
        configure(hbar, model.releaseCount() * COLUMN_WIDTH, bodyWidth, COLUMN_WIDTH);
        if (!placed && bodyWidth > 0) {
            // Open on the newest releases (the last columns): that is where a rollout is moving.
            placed = true;
            hbar.setValue(hbar.getMax());
        }
        showVisible();
    }

    // ---- filling

    private void refillAll() {
        cells.releaseAll();
        rowHeaders.releaseAll();
        configure(vbar, model.rows().size() * ROW_HEIGHT, bodyHeight, ROW_HEIGHT);
        showVisible();
    }

    /** Places the layers for the scroll position and fills the positions that came into view. */
    private void showVisible() {
        double sx = Math.round(hbar.getValue());
        double sy = Math.round(vbar.getValue());
        bodyLayer.relocate(-sx, -sy);
        headerLayer.relocate(-sx, 0);
        siteLayer.relocate(0, -sy);

        MatrixRows rows = model.rows();
        int firstRow = (int) (sy / ROW_HEIGHT);
        int lastRow = Math.min(rows.size() - 1, (int) ((sy + bodyHeight) / ROW_HEIGHT));
        int firstColumn = (int) (sx / COLUMN_WIDTH);
        int lastColumn = Math.min(model.releaseCount() - 1, (int) ((sx + bodyWidth) / COLUMN_WIDTH));

        cells.retainOnly(k -> between(row(k), firstRow, lastRow) && between(column(k), firstColumn, lastColumn));
        rowHeaders.retainOnly(k -> between((int) k, firstRow, lastRow));
        columnHeaders.retainOnly(k -> between((int) k, firstColumn, lastColumn));

        for (int row = firstRow; row <= lastRow; row++) {
            if (rowHeaders.get(row) == null) {
                RowHeaderNode node = rowHeaders.acquire(row);
                fillRowHeader(node, rows, row);
                node.resizeRelocate(0, row * ROW_HEIGHT, SITE_COLUMN_WIDTH, ROW_HEIGHT);
            }
            for (int column = firstColumn; column <= lastColumn; column++) {
                long key = key(row, column);
                if (cells.get(key) == null) {
                    MatrixCellNode node = cells.acquire(key);
                    fillCell(node, rows, row, column);
                    node.resizeRelocate(column * COLUMN_WIDTH, row * ROW_HEIGHT, COLUMN_WIDTH, ROW_HEIGHT);
                }
            }
        }
        for (int column = firstColumn; column <= lastColumn; column++) {
            if (columnHeaders.get(column) == null) {
                ColumnHeaderNode node = columnHeaders.acquire(column);
                node.show(model.releases().get(column), model.releasePulled(column), model.releaseAdoption(column));
                node.resizeRelocate(column * COLUMN_WIDTH, 0, COLUMN_WIDTH, HEADER_HEIGHT);
            }
        }
    }

    private void fillCell(MatrixCellNode node, MatrixRows rows, int row, int column) {
        if (rows.isRingHeader(row)) {
            node.showBand(column, model.ringAdoption(rows.ringIndex(row), column).shortText());
            return;
        }
        int site = rows.siteIndex(row);
        MatrixState state = model.state(site, column);
        node.showCell(site, column, state, model.cellText(site, column), model.isSelected(site, column),
                model.isDimmed(state));
        CellRef at = model.cursorProperty().get();
        node.setCursor(at != null && at.site() == site && at.release() == column);
    }

    private void fillRowHeader(RowHeaderNode node, MatrixRows rows, int row) {
        if (rows.isRingHeader(row)) {
            node.showRing(model.ringHeaderText(rows.ringIndex(row)));
        } else {
            var site = model.site(rows.siteIndex(row));
            node.showSite(site.name(), site.ring());
        }
    }

    private void repaintChanged(MatrixChange change) {
        MatrixRows rows = model.rows();
        // Totals follow too: the bands of the ring rows and the release headers in view (a few dozen nodes).
        cells.activeByKey().forEach((key, node) -> {
            if (rows.isRingHeader(row(key))) {
                fillCell(node, rows, row(key), column(key));
            }
        });
        columnHeaders.activeByKey().forEach((key, node) -> node.show(model.releases().get((int) (long) key),
                model.releasePulled((int) (long) key), model.releaseAdoption((int) (long) key)));
        for (int i = 0; i < change.size(); i++) {
            int row = rows.rowOf(change.site(i));
            if (row < 0) {
                continue;
            }
            MatrixCellNode node = cells.get(key(row, change.release(i)));
            if (node != null) {
                fillCell(node, rows, row, change.release(i));
            }
        }
    }

    private void repaintSelection() {
        for (MatrixCellNode node : cells.active()) {
            if (node.siteIndex() >= 0) {
                node.setSelected(model.isSelected(node.siteIndex(), node.releaseIndex()));
            }
        }
    }

    private void repaintCursor(CellRef old, CellRef now) {
        for (CellRef at : new CellRef[]{old, now}) {
            int row = at == null ? -1 : model.rows().rowOf(at.site());
            MatrixCellNode node = row < 0 ? null : cells.get(key(row, at.release()));
            if (node != null) {
                node.setCursor(at.equals(now));
            }
        }
    }

    // ---- input

    private void pressCell(MouseEvent event) {
        requestFocus();
        int row = rowAt(event.getY());
        int column = columnAt(event.getX());
        dragKey = key(row, column);
        MatrixRows rows = model.rows();
        boolean onSelected = row >= 0 && row < rows.size() && !rows.isRingHeader(row) && column >= 0
                && column < model.releaseCount() && model.isSelected(rows.siteIndex(row), column);
        if (event.isSecondaryButtonDown() && onSelected) {
            return; // the context menu acts on the selection the click landed in
        }
        model.select(row, column, mode(event));
    }

    /** The menu a secondary click on a cell opens (see {@link MatrixView}). */
    void setCellMenu(ContextMenu menu) {
        // The platform's menu request (a secondary click, the Menu key); where a platform sends none for the
        // click (Monocle), the secondary button's release opens it.
        body.setOnContextMenuRequested(e -> {
            if (!menu.isShowing()) {
                menu.show(body, e.getScreenX(), e.getScreenY());
            }
            e.consume();
        });
        body.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (e.getButton() == javafx.scene.input.MouseButton.SECONDARY && !menu.isShowing()) {
                menu.show(body, e.getScreenX(), e.getScreenY());
            }
        });
    }

    /** The header of a release column in view, or null (tests). */
    ColumnHeaderNode visibleHeader(int column) {
        return columnHeaders.get(column);
    }

    private void dragCell(MouseEvent event) {
        int row = rowAt(event.getY());
        int column = columnAt(event.getX());
        if (key(row, column) != dragKey) {
            dragKey = key(row, column);
            model.select(row, column, SelectMode.EXTEND);
        }
    }

    private void pressColumnHeader(MouseEvent event) {
        requestFocus();
        model.selectColumn(columnAt(event.getX()), mode(event) == SelectMode.REPLACE ? SelectMode.REPLACE : SelectMode.TOGGLE);
    }

    private void pressRowHeader(MouseEvent event) {
        requestFocus();
        model.selectRow(rowAt(event.getY()), mode(event) == SelectMode.REPLACE ? SelectMode.REPLACE : SelectMode.TOGGLE);
    }

    private void updateTooltip(MouseEvent event) {
        int row = rowAt(event.getY());
        int column = columnAt(event.getX());
        long key = key(row, column);
        if (key == tooltipKey) {
            return;
        }
        tooltipKey = key;
        MatrixRows rows = model.rows();
        if (row < 0 || row >= rows.size() || column < 0 || column >= model.releaseCount()) {
            tooltip.setText("");
        } else if (rows.isRingHeader(row)) {
            tooltip.setText(model.ringHeaderText(rows.ringIndex(row)));
        } else {
            tooltip.setText(model.tooltip(rows.siteIndex(row), column));
        }
    }

    private void scroll(ScrollEvent event) {
        double dx = event.getDeltaX();
        double dy = event.getDeltaY();
        if (event.isShiftDown() && dx == 0) {
            dx = dy;
            dy = 0;
        }
        vbar.setValue(clamp(vbar.getValue() - dy, vbar.getMax()));
        hbar.setValue(clamp(hbar.getValue() - dx, hbar.getMax()));
        event.consume();
    }

    /**
     * The keyboard works on the cell cursor, as in a spreadsheet: arrows, Page Up/Down, Home and End move it
     * and select the cell it lands on; with Shift they extend the selection, with Ctrl (Cmd) only the cursor
     * moves; Space selects or unselects the cursor's cell; Ctrl+A selects every shown cell, Escape none.
     */
    private void key(KeyEvent event) {
        KeyCode code = event.getCode();
        SelectMode mode = event.isShortcutDown() ? null : event.isShiftDown() ? SelectMode.EXTEND : SelectMode.REPLACE;
        int page = Math.max(1, (int) (bodyHeight / ROW_HEIGHT) - 1);
        if (event.isShortcutDown() && code == KeyCode.A) {
            model.selectAllShown();
        } else if (code == KeyCode.ESCAPE) {
            model.clearSelection();
        } else if (code == KeyCode.SPACE) {
            model.toggleAtCursor();
        } else if (code == KeyCode.DOWN || code == KeyCode.UP) {
            moveCursor(code == KeyCode.DOWN ? 1 : -1, 0, mode);
        } else if (code == KeyCode.PAGE_DOWN || code == KeyCode.PAGE_UP) {
            moveCursor(code == KeyCode.PAGE_DOWN ? page : -page, 0, mode);
        } else if (code == KeyCode.RIGHT || code == KeyCode.LEFT) {
            moveCursor(0, code == KeyCode.RIGHT ? 1 : -1, mode);
        } else if (code == KeyCode.HOME || code == KeyCode.END) {
            int sign = code == KeyCode.END ? 1 : -1;
            // Home/End: first or last release; with Ctrl (Cmd): first or last site too.
            moveCursor(event.isShortcutDown() ? sign * model.rows().size() : 0, sign * model.releaseCount(),
                    event.isShortcutDown() ? SelectMode.REPLACE : mode);
        } else {
            return;
        }
        event.consume();
    }

    private void moveCursor(int rows, int columns, SelectMode mode) {
        int topRow = (int) Math.ceil(Math.round(vbar.getValue()) / ROW_HEIGHT);
        int leftColumn = (int) Math.ceil(Math.round(hbar.getValue()) / COLUMN_WIDTH);
        model.moveCursor(rows, columns, topRow, leftColumn, mode);
        revealCursor();
    }

    /** Scrolls just enough to show the cursor's cell whole. */
    private void revealCursor() {
        int row = model.cursorRow();
        CellRef at = model.cursorProperty().get();
        if (row < 0 || at == null) {
            return;
        }
        double top = row * ROW_HEIGHT;
        double left = at.release() * COLUMN_WIDTH;
        if (top < vbar.getValue()) {
            vbar.setValue(clamp(top, vbar.getMax()));
        } else if (top + ROW_HEIGHT > vbar.getValue() + bodyHeight) {
            vbar.setValue(clamp(top + ROW_HEIGHT - bodyHeight, vbar.getMax()));
        }
        if (left < hbar.getValue()) {
            hbar.setValue(clamp(left, hbar.getMax()));
        } else if (left + COLUMN_WIDTH > hbar.getValue() + bodyWidth) {
            hbar.setValue(clamp(left + COLUMN_WIDTH - bodyWidth, hbar.getMax()));
        }
    }

    private SelectMode mode(MouseEvent event) {
        return event.isShortcutDown() ? SelectMode.TOGGLE : event.isShiftDown() ? SelectMode.EXTEND : SelectMode.REPLACE;
    }

    private int rowAt(double y) {
        return (int) Math.floor((y + Math.round(vbar.getValue())) / ROW_HEIGHT);
    }

    private int columnAt(double x) {
        return (int) Math.floor((x + Math.round(hbar.getValue())) / COLUMN_WIDTH);
    }

    // ---- helpers

    private static void configure(ScrollBar bar, double content, double viewport, double unit) {
        double max = Math.max(0, content - viewport);
        bar.setMin(0);
        bar.setMax(max);
        bar.setVisibleAmount(content <= 0 ? 0 : max * viewport / content);
        bar.setUnitIncrement(unit);
        bar.setBlockIncrement(Math.max(unit, viewport - unit));
        bar.setDisable(max == 0);
        if (bar.getValue() > max) {
            bar.setValue(max);
        }
    }

    private static void place(Pane viewport, double x, double y, double width, double height) {
        viewport.resizeRelocate(x, y, width, height);
        Rectangle clip = (Rectangle) viewport.getClip();
        clip.setWidth(width);
        clip.setHeight(height);
    }

    private static Pane viewport() {
        Pane pane = new Pane();
        pane.setClip(new Rectangle());
        pane.setManaged(false);
        return pane;
    }

    private static Pane layer() {
        Pane pane = new Pane();
        pane.setManaged(false);
        return pane;
    }

    private static long key(int row, int column) {
        return ((long) row << 32) | (column & 0xffffffffL);
    }

    private static int row(long key) {
        return (int) (key >> 32);
    }

    private static int column(long key) {
        return (int) key;
    }

    private static boolean between(int value, int low, int high) {
        return value >= low && value <= high;
    }

    private static double clamp(double value, double max) {
        return Math.max(0, Math.min(max, value));
    }

    /** For tests: every visible cell node by display row and column. */
    Map<Long, MatrixCellNode> visibleCells() {
        return cells.activeByKey();
    }
}
