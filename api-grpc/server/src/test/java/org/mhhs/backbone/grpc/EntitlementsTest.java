package org.mhhs.backbone.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Nothing may be reachable without a row in the entitlement table. */
@HubIntegrationTest
class EntitlementsTest {

    @Autowired
    List<BindableService> services;

    @Test
    void everyRpcTheHubServesHasAnEntitlementRow() {
        List<String> served = services.stream()
                .map(BindableService::bindService)
                .map(ServerServiceDefinition::getServiceDescriptor)
                .filter(service -> !AccessInterceptor.OPEN_SERVICES.contains(service.getName()))
                .flatMap(service -> service.getMethods().stream())
                .map(MethodDescriptor::getFullMethodName)
                .toList();

        assertThat(served).isNotEmpty();
        assertThat(served)
                .allSatisfy(
                        method -> assertThat(Entitlements.of(method)).as(method).isPresent());
        assertThat(Entitlements.table().keySet()).containsExactlyInAnyOrderElementsOf(served);
    }
}
