package org.mhhs.backbone.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidValueExceptionTest {

    @Test
    void aBrokenRuleIsNamedAndExplained() {
        InvalidValueException broken = new InvalidValueException("MpanFormat", "MPAN core must be exactly 13 digits");

        assertThat(broken).isInstanceOf(IllegalArgumentException.class);
        assertThat(broken.rule()).isEqualTo("MpanFormat");
        assertThat(broken).hasMessage("MPAN core must be exactly 13 digits");
    }

    @Test
    void controlCharactersInAnOffendingValueAreEscaped() {
        assertThat(Shown.quoted("AB\nC")).isEqualTo("\"AB\\u000aC\"");
    }

    @Test
    void anOffendingValueOfFortyCharactersIsShownWhole() {
        String forty = "x".repeat(40);

        assertThat(Shown.quoted(forty)).isEqualTo("\"" + forty + "\"");
    }

    @Test
    void aLongerOffendingValueIsCutToFortyCharacters() {
        assertThat(Shown.quoted("y".repeat(41))).isEqualTo("\"" + "y".repeat(40) + "\"... (41 characters)");
    }
}
