package org.mhhs.backbone.grpc.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.notification.api.NotificationFeed;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every event any context publishes (a record implementing an *Event interface in an api package) has a row in the
 * routing table and a typed message in the envelope: a new context cannot leak its events by omission, nor send
 * them untyped.
 */
@HubIntegrationTest
class EveryEventHasAnAudienceTest {

    private static final Set<String> EVENT_TYPES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.mhhs.backbone").stream()
                    .filter(type -> type.getPackageName().matches("org\\.mhhs\\.backbone\\.[a-z]+\\.api(\\..*)?"))
                    .filter(JavaClass::isRecord)
                    .filter(type -> type.getAllRawInterfaces().stream()
                            .anyMatch(i -> i.getSimpleName().endsWith("Event")))
                    .map(JavaClass::getName)
                    .collect(Collectors.toUnmodifiableSet());

    @Autowired
    NotificationFeed feed;

    @Test
    void theEventTypesAreFound() {
        assertThat(EVENT_TYPES)
                .contains(
                        "org.mhhs.backbone.metering.api.ConsumptionRecorded",
                        "org.mhhs.backbone.registration.api.SupplierRegistered",
                        "org.mhhs.backbone.isd.api.RoleGranted");
    }

    @Test
    void everyEventTypeHasARoutingRule() {
        assertThat(feed.routedEventTypes().stream().map(Class::getName).collect(Collectors.toSet()))
                .containsAll(EVENT_TYPES);
    }

    @Test
    void everyEventTypeHasATypedMessageInTheEnvelope() {
        Set<String> typed = EventEnvelope.getDescriptor().getOneofs().getFirst().getFields().stream()
                .map(field -> field.getMessageType().getName())
                .collect(Collectors.toSet());
        assertThat(typed)
                .containsAll(EVENT_TYPES.stream()
                        .map(name -> name.substring(name.lastIndexOf('.') + 1))
                        .toList());
    }
}
