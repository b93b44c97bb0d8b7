package io.patchbay.app.ui.matrix;

/** How a click changes the selection: plain click, Ctrl+click, Shift+click. */
public enum SelectMode {
    REPLACE,
    TOGGLE,
    EXTEND
}
