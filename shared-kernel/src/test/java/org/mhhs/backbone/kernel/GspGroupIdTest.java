package org.mhhs.backbone.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GspGroupIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"_A", "_B", "_C", "_D", "_E", "_F", "_G", "_H", "_J", "_K", "_L", "_M", "_N", "_P"})
    void eachOfTheFourteenGspGroupsIsAccepted(String id) {
        GspGroupId group = GspGroupId.of(id);

        assertThat(group.value()).isEqualTo(id);
        assertThat(group).hasToString(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"_I", "_O", "_Q", "_Z", "A", "", "_a", "__A", "_A "})
    void anythingButTheFourteenGspGroupsIsRejected(String id) {
        assertThatThrownBy(() -> GspGroupId.of(id))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("\"" + id + "\"")
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("GspGroupIdUnknown");
    }

    @Test
    void missingGspGroupIsRejected() {
        assertThatThrownBy(() -> GspGroupId.of(null))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("GspGroupIdUnknown");
    }

    @Test
    void allGspGroupsAreListedInMarketOrder() {
        assertThat(GspGroupId.all())
                .extracting(GspGroupId::value)
                .containsExactly("_A", "_B", "_C", "_D", "_E", "_F", "_G", "_H", "_J", "_K", "_L", "_M", "_N", "_P");
    }

    @Test
    void theListOfGspGroupsCannotBeChangedByItsReaders() {
        assertThatThrownBy(() -> GspGroupId.all().add(GspGroupId.of("_A")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void gspGroupsOrderAsTheMarketListsThem() {
        assertThat(GspGroupId.all()).isSorted();
        assertThat(GspGroupId.of("_C")).isGreaterThan(GspGroupId.of("_B")).isEqualByComparingTo(GspGroupId.of("_C"));
    }
}
