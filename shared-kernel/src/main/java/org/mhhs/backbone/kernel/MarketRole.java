package org.mhhs.backbone.kernel;

import java.util.Arrays;

public enum MarketRole {
    SUPPLIER,
    DATA_SERVICE,
    METERING_SERVICE,
    DNO,
    REGISTRATION_SERVICE,
    CENTRAL_SETTLEMENT,
    AUDITOR,
    OPERATOR;

    // Unlike valueOf, an unknown role is a market rule breach carrying its rule name, not a bare programming error.
    public static MarketRole parse(String name) {
        if (name != null) {
            for (MarketRole role : values()) {
                if (role.name().equals(name)) {
                    return role;
                }
            }
        }
        throw new InvalidValueException(
                "MarketRoleUnknown",
                "market role must be one of " + Arrays.toString(values()) + " but was " + Shown.quoted(name));
    }
}
