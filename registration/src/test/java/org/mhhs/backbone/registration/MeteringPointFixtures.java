package org.mhhs.backbone.registration;

import static org.mhhs.backbone.kernel.MarketRole.DATA_SERVICE;
import static org.mhhs.backbone.kernel.MarketRole.METERING_SERVICE;
import static org.mhhs.backbone.kernel.MarketRole.REGISTRATION_SERVICE;
import static org.mhhs.backbone.kernel.MarketRole.SUPPLIER;
import static org.mhhs.backbone.kernel.testing.MarketFixture.DATA_SERVICE_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.DATA_SERVICE_B;
import static org.mhhs.backbone.kernel.testing.MarketFixture.DNO_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.EASTERN;
import static org.mhhs.backbone.kernel.testing.MarketFixture.EAST_MIDLANDS;
import static org.mhhs.backbone.kernel.testing.MarketFixture.METERING_SERVICE_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.METERING_SERVICE_B;
import static org.mhhs.backbone.kernel.testing.MarketFixture.REGISTRATION_SERVICE_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.REGISTRATION_SERVICE_B;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_B;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_C;
import static org.mhhs.backbone.kernel.testing.MarketFixture.day;
import static org.mhhs.backbone.kernel.testing.MarketFixture.mpanStartingWith;
import static org.mhhs.backbone.kernel.testing.MarketFixture.openFrom;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.isd.testing.FakeIsdQueries;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.registration.api.AcceptServiceAppointment;
import org.mhhs.backbone.registration.api.ChangeMeteringPointDetails;
import org.mhhs.backbone.registration.api.EndServiceAppointment;
import org.mhhs.backbone.registration.api.EnergisationStatus;
import org.mhhs.backbone.registration.api.MarketSegment;
import org.mhhs.backbone.registration.api.MeteringPointDetailsChanged;
import org.mhhs.backbone.registration.api.MeteringPointRegistered;
import org.mhhs.backbone.registration.api.RegisterMeteringPoint;
import org.mhhs.backbone.registration.api.RegisterSupplier;
import org.mhhs.backbone.registration.api.RejectServiceAppointment;
import org.mhhs.backbone.registration.api.RequestServiceAppointment;
import org.mhhs.backbone.registration.api.ServiceAppointmentAccepted;
import org.mhhs.backbone.registration.api.ServiceAppointmentEnded;
import org.mhhs.backbone.registration.api.ServiceAppointmentRejected;
import org.mhhs.backbone.registration.api.ServiceAppointmentRequested;
import org.mhhs.backbone.registration.api.ServiceAppointmentTimedOut;
import org.mhhs.backbone.registration.api.ServiceRole;
import org.mhhs.backbone.registration.api.SupplierRegistered;
import org.mhhs.backbone.registration.api.SupplierRegistrationWithdrawn;
import org.mhhs.backbone.registration.api.WithdrawSupplierRegistration;

/** Test data for the metering point aggregate, named for what it is rather than how it is built. */
final class MeteringPointFixtures {

    static final Instant NOW = Instant.parse("2026-06-15T10:00:00Z");
    /** Today for the metering point tests is 2026-06-15, late morning in London. */
    static final Clock MID_JUNE_2026 = Clock.fixed(NOW, ZoneOffset.UTC);

    static final Mpan MPAN = mpanStartingWith("140012345678");

    private MeteringPointFixtures() {}

    /**
     * ISD as most tests need it: everyone has held their role since 2020, GSP groups _A and _B have a DNO and _C has
     * none, and no appointment response time-out is set.
     */
    static FakeIsdQueries theMarket() {
        EffectivePeriod always = openFrom("2020-01-01");
        return new FakeIsdQueries()
                .holding(REGISTRATION_SERVICE_A, REGISTRATION_SERVICE, always)
                .holding(REGISTRATION_SERVICE_B, REGISTRATION_SERVICE, always)
                .holding(SUPPLIER_A, SUPPLIER, always)
                .holding(SUPPLIER_B, SUPPLIER, always)
                .holding(SUPPLIER_C, SUPPLIER, always)
                .holding(DATA_SERVICE_A, DATA_SERVICE, always)
                .holding(DATA_SERVICE_B, DATA_SERVICE, always)
                .holding(METERING_SERVICE_A, METERING_SERVICE, always)
                .holding(METERING_SERVICE_B, METERING_SERVICE, always)
                .withGspGroup(EASTERN, DNO_A)
                .withGspGroup(EAST_MIDLANDS, DNO_A);
    }

    static FixtureConfiguration<MeteringPoint> meteringPointFixture(IsdQueries isd, Clock clock) {
        return new AggregateTestFixture<>(MeteringPoint.class).registerInjectableResources(isd, clock);
    }

    static MeteringPointBuilder aMeteringPoint() {
        return new MeteringPointBuilder();
    }

    static DetailsChangeBuilder aDetailsChange() {
        return new DetailsChangeBuilder();
    }

    static MeteringPointDetailsChanged detailsChanged(
            GspGroupId gspGroup, MarketSegment segment, EnergisationStatus energisation, String from) {
        return new MeteringPointDetailsChanged(
                MPAN, gspGroup, segment, energisation, day(from), REGISTRATION_SERVICE_A);
    }

    static RegisterSupplier registerSupplier(ParticipantId supplier, String from) {
        return new RegisterSupplier(MPAN, supplier, day(from));
    }

    static SupplierRegistered supplierRegistered(ParticipantId supplier, String from) {
        return new SupplierRegistered(MPAN, supplier, day(from), null, null);
    }

    static SupplierRegistered supplierChanged(
            ParticipantId gaining, String from, ParticipantId losing, String losingFrom) {
        return new SupplierRegistered(MPAN, gaining, day(from), losing, day(losingFrom));
    }

    static WithdrawSupplierRegistration withdraw(ParticipantId requestedBy, String from) {
        return new WithdrawSupplierRegistration(MPAN, day(from), requestedBy);
    }

    /** The latest registration withdrawn: the supplier it would have replaced runs on until further notice. */
    static SupplierRegistrationWithdrawn withdrawn(
            ParticipantId supplier, String from, ParticipantId restored, String restoredFrom) {
        return new SupplierRegistrationWithdrawn(MPAN, supplier, day(from), restored, day(restoredFrom), null);
    }

    /** The first registration of a metering point withdrawn: nobody is restored. */
    static SupplierRegistrationWithdrawn firstWithdrawn(ParticipantId supplier, String from) {
        return new SupplierRegistrationWithdrawn(MPAN, supplier, day(from), null, null, null);
    }

    static AppointmentBuilder aDataServiceAppointment() {
        return new AppointmentBuilder(ServiceRole.DATA_SERVICE, DATA_SERVICE_A);
    }

    static AppointmentBuilder aMeteringServiceAppointment() {
        return new AppointmentBuilder(ServiceRole.METERING_SERVICE, METERING_SERVICE_A);
    }

    static EndServiceAppointment endOf(ServiceRole role, String lastDay, ParticipantId requestedBy) {
        return new EndServiceAppointment(MPAN, role, day(lastDay), requestedBy);
    }

    static final class MeteringPointBuilder {

        private GspGroupId gspGroup = EASTERN;
        private MarketSegment segment = MarketSegment.SMART;
        private EnergisationStatus energisation = EnergisationStatus.ENERGISED;
        private LocalDate from = day("2026-01-01");
        private ParticipantId registrationService = REGISTRATION_SERVICE_A;

        MeteringPointBuilder inGspGroup(String gspGroupId) {
            gspGroup = GspGroupId.of(gspGroupId);
            return this;
        }

        MeteringPointBuilder inSegment(MarketSegment marketSegment) {
            segment = marketSegment;
            return this;
        }

        MeteringPointBuilder withEnergisation(EnergisationStatus status) {
            energisation = status;
            return this;
        }

        MeteringPointBuilder from(String isoDate) {
            from = day(isoDate);
            return this;
        }

        MeteringPointBuilder registeredBy(ParticipantId service) {
            registrationService = service;
            return this;
        }

        RegisterMeteringPoint registration() {
            return new RegisterMeteringPoint(MPAN, gspGroup, segment, energisation, from, registrationService);
        }

        MeteringPointRegistered registered() {
            return new MeteringPointRegistered(MPAN, gspGroup, segment, energisation, from, registrationService);
        }
    }

    static final class DetailsChangeBuilder {

        private GspGroupId gspGroup;
        private MarketSegment segment;
        private EnergisationStatus energisation;
        private LocalDate from = day("2026-07-01");
        private ParticipantId requestedBy = REGISTRATION_SERVICE_A;

        DetailsChangeBuilder toGspGroup(String gspGroupId) {
            gspGroup = GspGroupId.of(gspGroupId);
            return this;
        }

        DetailsChangeBuilder toSegment(MarketSegment marketSegment) {
            segment = marketSegment;
            return this;
        }

        DetailsChangeBuilder toEnergisation(EnergisationStatus status) {
            energisation = status;
            return this;
        }

        DetailsChangeBuilder from(String isoDate) {
            from = day(isoDate);
            return this;
        }

        DetailsChangeBuilder by(ParticipantId participant) {
            requestedBy = participant;
            return this;
        }

        ChangeMeteringPointDetails command() {
            return new ChangeMeteringPointDetails(MPAN, gspGroup, segment, energisation, from, requestedBy);
        }
    }

    /** One appointment of a service by a supplier, and the commands and events of its life. */
    static final class AppointmentBuilder {

        private final ServiceRole role;
        private UUID id = UUID.randomUUID();
        private ParticipantId service;
        private ParticipantId supplier = SUPPLIER_A;
        private LocalDate from = day("2026-07-01");
        private Instant respondBy = NOW.plus(MeteringPoint.DEFAULT_RESPONSE_TIMEOUT);

        private AppointmentBuilder(ServiceRole role, ParticipantId service) {
            this.role = role;
            this.service = service;
        }

        AppointmentBuilder withId(UUID appointmentId) {
            id = appointmentId;
            return this;
        }

        AppointmentBuilder of(ParticipantId appointedService) {
            service = appointedService;
            return this;
        }

        AppointmentBuilder from(String isoDate) {
            from = day(isoDate);
            return this;
        }

        AppointmentBuilder requestedBy(ParticipantId requestingSupplier) {
            supplier = requestingSupplier;
            return this;
        }

        AppointmentBuilder respondingBy(Instant deadline) {
            respondBy = deadline;
            return this;
        }

        UUID id() {
            return id;
        }

        ServiceRole role() {
            return role;
        }

        RequestServiceAppointment request() {
            return new RequestServiceAppointment(MPAN, id, role, service, from, supplier);
        }

        ServiceAppointmentRequested requested() {
            return new ServiceAppointmentRequested(MPAN, id, role, service, supplier, from, respondBy);
        }

        AcceptServiceAppointment accept() {
            return acceptBy(service);
        }

        AcceptServiceAppointment acceptBy(ParticipantId participant) {
            return new AcceptServiceAppointment(MPAN, id, participant);
        }

        ServiceAppointmentAccepted accepted() {
            return new ServiceAppointmentAccepted(MPAN, id, role, service, supplier, from);
        }

        RejectServiceAppointment reject(String reason) {
            return rejectBy(service, reason);
        }

        RejectServiceAppointment rejectBy(ParticipantId participant, String reason) {
            return new RejectServiceAppointment(MPAN, id, participant, reason);
        }

        ServiceAppointmentRejected rejected(String reason) {
            return new ServiceAppointmentRejected(MPAN, id, role, service, supplier, reason);
        }

        ServiceAppointmentTimedOut timedOut() {
            return new ServiceAppointmentTimedOut(MPAN, id, role, service, supplier);
        }

        ServiceAppointmentEnded endedOn(String lastDay) {
            return endedOn(lastDay, supplier);
        }

        ServiceAppointmentEnded endedOn(String lastDay, ParticipantId endedBy) {
            return new ServiceAppointmentEnded(MPAN, id, role, service, from, day(lastDay), endedBy);
        }
    }
}
