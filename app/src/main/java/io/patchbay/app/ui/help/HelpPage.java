package io.patchbay.app.ui.help;

/**
 * One page of in-app help: a title for the list and its Markdown.
 *
 * @param title    e.g. "Ship a kit"
 * @param markdown the page's text, its heading included
 */
public record HelpPage(String title, String markdown) {
}
