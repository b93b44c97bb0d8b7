package io.patchbay.model.kit;

import com.vladsch.flexmark.html.AttributeProvider;
import com.vladsch.flexmark.html.IndependentAttributeProviderFactory;
import com.vladsch.flexmark.html.renderer.AttributablePart;
import com.vladsch.flexmark.html.renderer.LinkResolverContext;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.html.MutableAttributes;
import com.vladsch.flexmark.util.sequence.Escaping;

import java.util.Locale;

/**
 * Keeps only the links and images release notes may carry. The notes' HTML sits in every kit and is shown on
 * every site, so a link must be http, https or mailto (or a fragment within the page) and an image http or
 * https; anything else ({@code javascript:}, {@code vbscript:}, {@code data:}, {@code file:}, a relative
 * path into the site's disk) loses its target and renders as plain text. The check runs on the URL as a
 * browser would read it: entities decoded, case folded, blanks and control characters dropped, so
 * {@code JaVaScRiPt:} and {@code java&#x73;cript:} are caught as well.
 */
final class NotesLinks implements AttributeProvider {
    static final IndependentAttributeProviderFactory FACTORY = new IndependentAttributeProviderFactory() {
        @Override
        public AttributeProvider apply(LinkResolverContext context) {
            return new NotesLinks();
        }
    };

    @Override
    public void setAttributes(Node node, AttributablePart part, MutableAttributes attributes) {
        if (attributes.contains("href") && !allowedLink(attributes.getValue("href"))) {
            attributes.remove("href");
        }
        if (attributes.contains("src") && !allowedImage(attributes.getValue("src"))) {
            attributes.remove("src");
        }
    }

    static boolean allowedLink(String url) {
        String u = asBrowserReadsIt(url);
        return u.startsWith("#") || u.startsWith("mailto:") || web(u);
    }

    static boolean allowedImage(String url) {
        return web(asBrowserReadsIt(url));
    }

    private static boolean web(String u) {
        return u.startsWith("https://") || u.startsWith("http://");
    }

    private static String asBrowserReadsIt(String url) {
        String decoded = Escaping.unescapeHtml(url == null ? "" : url);
        StringBuilder kept = new StringBuilder(decoded.length());
        decoded.codePoints()
                .filter(c -> !Character.isWhitespace(c) && !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .forEach(kept::appendCodePoint);
        return kept.toString().toLowerCase(Locale.ROOT);
    }
}
