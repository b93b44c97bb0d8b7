package io.patchbay.app.ui.kit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestFormTest {
    private final ManifestForm form = new ManifestForm();

    @Test
    void everyBadFieldShowsItsOwnErrorAtOnce() {
        form.product.set("");
        form.version.set("12.x");
        form.released.set("yesterday");

        assertFalse(form.isValid());
        assertFalse(form.errorProperty("product").get().isEmpty());
        assertTrue(form.errorProperty("version").get().contains("12.x"), form.errorProperty("version").get());
        assertTrue(form.errorProperty("released").get().startsWith("not a date"), form.errorProperty("released").get());
        assertEquals("", form.errorProperty("channel").get());
    }

    @Test
    void aRuleAcrossFieldsIsShownAtTheFieldOnItsLine() {
        fill();
        form.requires.set("13.0");

        assertFalse(form.isValid());
        assertEquals("requires 13.0 is newer than the version 12.10.11", form.errorProperty("requires").get());
    }

    @Test
    void theRawTextFollowsTheFormAndTheFormFollowsTheRawText() {
        fill();
        assertTrue(form.rawTextProperty().get().contains("version = 12.10.11"));

        form.rawTextProperty().set(form.rawTextProperty().get().replace("version = 12.10.11", "version = 12.10.12"));

        assertEquals("12.10.12", form.version.get());
        assertTrue(form.isValid());
        form.rawTextProperty().set("[release]\nproduct = Spruce\nbogus = 1\n");
        assertTrue(form.rawErrorProperty().get().contains("unknown key 'bogus'"), form.rawErrorProperty().get());
        assertFalse(form.isValid());
    }

    private void fill() {
        form.product.set("Spruce");
        form.version.set("12.10.11");
        form.requires.set("12.0");
        form.released.set("2026-11-20T09:00:00Z");
        assertTrue(form.isValid(), form.rawTextProperty().get());
    }
}
