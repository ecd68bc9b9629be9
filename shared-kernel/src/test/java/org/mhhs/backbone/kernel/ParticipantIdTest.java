package org.mhhs.backbone.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParticipantIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"ABCD", "EELC", "A1B2", "0000", "Z9Z9"})
    void fourUpperCaseLettersOrDigitsAreAParticipantId(String mpid) {
        ParticipantId participant = ParticipantId.of(mpid);

        assertThat(participant.value()).isEqualTo(mpid);
        assertThat(participant).hasToString(mpid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ABC", "ABCDE", "abcd", "AB-D", "AB D", "ÄBCD", "ＡBCD"})
    void participantIdOfAnyOtherShapeIsRejected(String mpid) {
        assertThatThrownBy(() -> ParticipantId.of(mpid))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining(mpid)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("ParticipantIdFormat");
    }

    @Test
    void missingParticipantIdIsRejected() {
        assertThatThrownBy(() -> ParticipantId.of(null))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("ParticipantIdFormat");
    }

    @Test
    void participantIdsWithTheSameCodeAreEqual() {
        assertThat(ParticipantId.of("ABCD")).isEqualTo(new ParticipantId("ABCD"));
    }

    @Test
    void participantIdsOrderByTheirCode() {
        assertThat(ParticipantId.of("EELC"))
                .isGreaterThan(ParticipantId.of("A1B2"))
                .isLessThan(ParticipantId.of("Z9Z9"))
                .isEqualByComparingTo(new ParticipantId("EELC"));
    }
}
