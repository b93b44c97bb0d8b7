package io.patchbay.model.release;

import io.patchbay.model.PatchbayException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionTest {
    @Test
    void comparesNumericallyNotAsText() {
        assertTrue(Version.parse("12.10.11").isNewerThan(Version.parse("12.9.99")));
        assertTrue(Version.parse("1.2").isOlderThan(Version.parse("1.10")));
    }

    @Test
    void missingTrailingPartsCountAsZero() {
        assertEquals(Version.parse("12.10"), Version.parse("12.10.0"));
        assertEquals(Version.parse("12.10").hashCode(), Version.parse("12.10.0").hashCode());
    }

    @Test
    void printsAsWritten() {
        assertEquals("12.10.11", Version.parse(" 12.10.11 ").toString());
    }

    @Test
    void refusesTextThatIsNotAVersionAndQuotesIt() {
        PatchbayException e = assertThrows(PatchbayException.class, () -> Version.parse("12.x"));
        assertEquals("not a version: '12.x' (expected numbers such as 12.10.11)", e.getMessage());
        assertThrows(PatchbayException.class, () -> Version.parse("1.2.3.4.5"));
        assertThrows(PatchbayException.class, () -> Version.parse("-1"));
    }
}
