package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.isd.api.AddBankHoliday;
import org.mhhs.backbone.isd.api.GrantRole;
import org.mhhs.backbone.isd.api.RegisterGspGroup;
import org.mhhs.backbone.isd.api.RegisterParticipant;
import org.mhhs.backbone.isd.api.RevokeRole;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.MarketIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Resetting the ISD processor and replaying the event store rebuilds read models identical to the live ones. */
@HubIntegrationTest
class IsdReplayTest {

    private static final List<String> READ_MODELS = List.of(
            "SELECT participant_id, name FROM isd.participant ORDER BY 1",
            "SELECT participant_id, role, effective_from, effective_to FROM isd.participant_role ORDER BY 1, 2, 3",
            "SELECT gsp_group_id, name, dno_id FROM isd.gsp_group ORDER BY 1",
            "SELECT holiday_date, name FROM isd.bank_holiday ORDER BY 1",
            "SELECT run_type, working_days FROM isd.run_schedule ORDER BY 1",
            "SELECT calendar_id, appointment_response_timeout_secs, final_dispute_window_months"
                    + " FROM isd.calendar_setting");

    @Autowired
    CommandGateway commands;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    JdbcClient jdbc;

    @Test
    void replayingTheIsdProcessorRebuildsIdenticalReadModels() {
        ParticipantId dno = ParticipantId.of(MarketIds.mpid('R'));
        LocalDate longAgo = MarketDays.longAgo();
        // a bank holiday on the shared hub, long before any day a test settles: it moves no run's due date
        LocalDate holiday = longAgo.getDayOfWeek().getValue() <= 5
                ? longAgo
                : longAgo.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        commands.sendAndWait(new RegisterParticipant(dno, "Replayed DNO"));
        commands.sendAndWait(new GrantRole(dno, MarketRole.DNO, EffectivePeriod.from(longAgo)));
        commands.sendAndWait(new GrantRole(dno, MarketRole.SUPPLIER, EffectivePeriod.from(longAgo)));
        commands.sendAndWait(
                new RevokeRole(dno, MarketRole.SUPPLIER, longAgo.plusYears(5).minusDays(1)));
        await().until(() ->
                jdbc.sql("SELECT count(*) FROM isd.participant_role WHERE participant_id = :id AND role = 'DNO'")
                                .param("id", dno.value())
                                .query(Long.class)
                                .single()
                        == 1);
        try {
            commands.sendAndWait(new RegisterGspGroup(GspGroupId.of("_M"), "Yorkshire", dno));
        } catch (RuntimeException alreadyRegisteredByAnotherTest) {
            // the group is registered once per hub; the replay compares whatever is there
        }
        try {
            commands.sendAndWait(new AddBankHoliday(holiday, "New Year's Day"));
        } catch (RuntimeException alreadyListed) {
            // idem
        }
        StreamingEventProcessor isd =
                processing.eventProcessor("isd", StreamingEventProcessor.class).orElseThrow();
        await().until(() -> count("SELECT count(*) FROM isd.gsp_group WHERE gsp_group_id = '_M'") == 1
                && count("SELECT count(*) FROM isd.bank_holiday WHERE holiday_date = DATE '" + holiday + "'") == 1);
        Map<String, List<Map<String, Object>>> live = snapshot();

        isd.shutDown();
        isd.resetTokens();
        assertThat(count("SELECT count(*) FROM isd.participant"))
                .as("the reset handlers empty the read models before the replay")
                .isZero();
        isd.start();

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(snapshot()).isEqualTo(live));
        assertThat(live.get(READ_MODELS.get(0)))
                .anySatisfy(row -> assertThat(row).containsEntry("participant_id", dno.value()));
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        return READ_MODELS.stream()
                .collect(java.util.stream.Collectors.toMap(
                        sql -> sql, sql -> jdbc.sql(sql).query().listOfRows()));
    }
}
