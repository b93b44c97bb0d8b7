package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.PrintableText;

import java.util.regex.Pattern;

/**
 * What a product may be called, everywhere a name enters (a manifest, the workstation, an agent's {@code init}):
 * letters, digits, space, {@code .}, {@code -} and {@code _}, starting with a letter or digit, at most
 * {@value #MAX_LENGTH} characters. A product's name ends up in folder, file and report names and in e-mail
 * subjects, so {@code ../../evil} or a name with a line break must never get that far.
 */
public final class ProductNames {
    public static final int MAX_LENGTH = 100;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Nd}][\\p{L}\\p{Nd} ._-]*");

    private ProductNames() {
    }

    /** {@code name} unchanged when allowed; otherwise a one-line refusal saying what a name may hold. */
    public static String check(String name) {
        if (name == null || name.isBlank()) {
            throw new PatchbayException("the product name is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new PatchbayException("the product name is longer than " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(name).matches() || !name.equals(name.strip())) {
            throw new PatchbayException("not a product name: '" + PrintableText.of(name) + "' (letters, digits, space, '.', "
                    + "'-' and '_' only, starting with a letter or digit)");
        }
        return name;
    }
}
