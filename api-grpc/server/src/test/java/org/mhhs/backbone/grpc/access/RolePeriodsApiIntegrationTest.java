package org.mhhs.backbone.grpc.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;

import io.grpc.Status;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.RevokeTokenRequest;
import org.mhhs.backbone.grpc.v1.WhoAmIRequest;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.MarketIds;
import org.mhhs.backbone.testing.Registrations;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The access check asks which roles the caller holds today: a role whose period ended yesterday, or starts
 * tomorrow, entitles to nothing (README "Security"), though the caller still authenticates. And revoking a token
 * the hub never issued is NOT_FOUND.
 */
@HubIntegrationTest
class RolePeriodsApiIntegrationTest {

    private static final LocalDate TODAY = MarketDays.today();

    @Autowired
    HubClient hub;

    @Test
    void aSupplierWhoseRolePeriodEndedYesterdayHoldsNoRoleTodayAndIsRefusedRoleRequired() {
        String former = supplier(TODAY.minusDays(30), TODAY.minusDays(1));

        assertRoleRequiredButAuthenticated(former);
    }

    @Test
    void aSupplierWhoseRolePeriodStartsTomorrowHoldsNoRoleTodayAndIsRefusedRoleRequired() {
        String future = supplier(TODAY.plusDays(1), null);

        assertRoleRequiredButAuthenticated(future);
    }

    @Test
    void revokingATokenTheHubNeverIssuedIsNotFound() {
        var refusal = refused(() -> hub.access(hub.operatorToken())
                .revokeToken(RevokeTokenRequest.newBuilder()
                        .setTokenId(UUID.randomUUID().toString())
                        .build()));

        assertThat(code(refusal)).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(reason(refusal)).isEqualTo("TokenNotFound");
    }

    private void assertRoleRequiredButAuthenticated(String supplier) {
        Market market = new Market(hub);
        String token = market.token(supplier);
        long before = hub.storedEvents();

        var refusal = refused(() -> market.registration(supplier)
                .registerSupplier(Registrations.supplier(Market.newMpan(), TODAY.toString())));

        assertThat(code(refusal)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(reason(refusal)).isEqualTo("RoleRequired");
        assertThat(refusal.getStatus().getDescription()).startsWith(supplier + " holds no role today");
        assertThat(hub.storedEvents()).isEqualTo(before);
        assertThat(hub.access(token).whoAmI(WhoAmIRequest.getDefaultInstance()).getParticipantId())
                .isEqualTo(supplier);
    }

    /** A participant holding SUPPLIER from {@code from} to {@code to} (open-ended when null), as ISD shows it. */
    private String supplier(LocalDate from, LocalDate to) {
        return Market.register(hub.operatorIsd(), MarketIds.mpid('S'), MarketRole.MARKET_ROLE_SUPPLIER, from, to);
    }
}
