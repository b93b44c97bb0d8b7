package io.patchbay.agent.log;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogTextTest {

    @Test
    void lineBreaksAndControlCharactersCannotForgeALogLine() {
        String forged = "/files/x\r\n2026-12-02 INFO agent - installed Spruce\u001b[2J\u0000\u2028end\\";

        String escaped = LogText.escape(forged);

        assertEquals("/files/x\\r\\n2026-12-02 INFO agent - installed Spruce\\u001b[2J\\u0000\\u2028end\\\\", escaped);
        assertTrue(escaped.chars().noneMatch(Character::isISOControl));
    }

    @Test
    void plainTextIsKeptAndNullIsADash() {
        assertEquals("Spruce-12.10.11.kit from 10.0.0.5 é", LogText.escape("Spruce-12.10.11.kit from 10.0.0.5 é"));
        assertEquals("-", LogText.escape(null));
    }

    @Test
    void aLongValueIsCutSayingHowMuchWasLeftOut() {
        String escaped = LogText.escape("a".repeat(LogText.MAX_CHARS + 50));

        assertEquals("a".repeat(LogText.MAX_CHARS) + "...(50 more)", escaped);
    }
}
