package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.PrintableText;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A support team's e-mail addresses as a person types them ({@code a@vendor.example, b@vendor.example}).
 * They end up in mail headers, so anything that could smuggle a header (a line break, a control character)
 * is refused, as is what is plainly not an address.
 */
public final class SupportAddresses {
    // Deliberately plain: local@domain with a dot in the domain, no spaces, quotes, angle brackets or controls.
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>\"(),;:\\p{Cntrl}]+@[^\\s@<>\"(),;:\\p{Cntrl}]+\\.[^\\s@<>\"(),;:\\p{Cntrl}.]+");

    private SupportAddresses() {
    }

    /** The addresses, one per comma-separated item, or a refusal naming the first that is not an address. */
    public static List<String> parse(String text) {
        List<String> addresses = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            String address = item.strip();
            if (!ADDRESS.matcher(address).matches()) {
                throw new PatchbayException("not an e-mail address: '" + PrintableText.of(address)
                        + "' (expected e.g. support@vendor.example; several separated by commas)");
            }
            addresses.add(address);
        }
        return addresses;
    }

    /** The addresses as stored: comma and space between them. */
    public static String normalise(String text) {
        return String.join(", ", parse(text));
    }
}
