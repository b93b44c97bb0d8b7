package io.patchbay.app.ui.help;

/**
 * A keyboard shortcut as the menus define it.
 *
 * @param menu   the menu it is in, e.g. "View"
 * @param action the menu item, e.g. "Matrix"
 * @param keys   as the platform spells the keys, e.g. "Ctrl+1"
 */
public record Shortcut(String menu, String action, String keys) {
}
