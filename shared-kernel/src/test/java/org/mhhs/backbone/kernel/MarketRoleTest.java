package org.mhhs.backbone.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MarketRoleTest {

    @ParameterizedTest
    @EnumSource(MarketRole.class)
    void everyMarketRoleParsesFromItsName(MarketRole role) {
        assertThat(MarketRole.parse(role.name())).isSameAs(role);
    }

    @Test
    void supplierIsParsed() {
        assertThat(MarketRole.parse("SUPPLIER")).isEqualTo(MarketRole.SUPPLIER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "TRADER", "supplier", " SUPPLIER", "DATA SERVICE"})
    void unknownMarketRoleIsRejected(String name) {
        assertThatThrownBy(() -> MarketRole.parse(name))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("\"" + name + "\"")
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("MarketRoleUnknown");
    }

    @Test
    void missingMarketRoleIsRejected() {
        assertThatThrownBy(() -> MarketRole.parse(null))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("MarketRoleUnknown");
    }
}
