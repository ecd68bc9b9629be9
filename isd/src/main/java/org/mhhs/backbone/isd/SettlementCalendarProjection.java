package org.mhhs.backbone.isd;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.mhhs.backbone.isd.api.AppointmentResponseTimeoutChanged;
import org.mhhs.backbone.isd.api.BankHolidayAdded;
import org.mhhs.backbone.isd.api.BankHolidayRemoved;
import org.mhhs.backbone.isd.api.ChangeOfSupplierHorizonChanged;
import org.mhhs.backbone.isd.api.FinalDisputeWindowChanged;
import org.mhhs.backbone.isd.api.RunScheduleChanged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The settlement calendar, in isd.bank_holiday, isd.run_schedule and isd.calendar_setting. */
@Component
@ProcessingGroup(IsdProcessingGroup.NAME)
class SettlementCalendarProjection {

    private static final String UPSERT_BANK_HOLIDAY = """
            INSERT INTO isd.bank_holiday (holiday_date, name) VALUES (:date, :name)
            ON CONFLICT (holiday_date) DO UPDATE SET name = EXCLUDED.name""";

    private final JdbcClient jdbc;

    SettlementCalendarProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(BankHolidayAdded event) {
        jdbc.sql(UPSERT_BANK_HOLIDAY)
                .param("date", event.date())
                .param("name", event.name())
                .update();
    }

    @EventHandler
    void on(BankHolidayRemoved event) {
        jdbc.sql("DELETE FROM isd.bank_holiday WHERE holiday_date = :date")
                .param("date", event.date())
                .update();
    }

    @EventHandler
    void on(RunScheduleChanged event) {
        jdbc.sql("DELETE FROM isd.run_schedule").update();
        event.workingDaysAfterSettlementDay()
                .forEach((runType, days) -> jdbc.sql(
                                "INSERT INTO isd.run_schedule (run_type, working_days) VALUES (:type, :days)")
                        .param("type", runType.name())
                        .param("days", days)
                        .update());
    }

    @EventHandler
    void on(AppointmentResponseTimeoutChanged event) {
        jdbc.sql("""
                INSERT INTO isd.calendar_setting (calendar_id, appointment_response_timeout_secs)
                VALUES (:id, :secs)
                ON CONFLICT (calendar_id)
                    DO UPDATE SET appointment_response_timeout_secs = EXCLUDED.appointment_response_timeout_secs""")
                .param("id", event.calendarId())
                .param("secs", event.timeout().toSeconds())
                .update();
    }

    @EventHandler
    void on(FinalDisputeWindowChanged event) {
        jdbc.sql("""
                INSERT INTO isd.calendar_setting (calendar_id, final_dispute_window_months) VALUES (:id, :months)
                ON CONFLICT (calendar_id)
                    DO UPDATE SET final_dispute_window_months = EXCLUDED.final_dispute_window_months""")
                .param("id", event.calendarId())
                .param("months", event.months())
                .update();
    }

    @EventHandler
    void on(ChangeOfSupplierHorizonChanged event) {
        jdbc.sql("""
                INSERT INTO isd.calendar_setting (calendar_id, change_of_supplier_horizon_days) VALUES (:id, :days)
                ON CONFLICT (calendar_id)
                    DO UPDATE SET change_of_supplier_horizon_days = EXCLUDED.change_of_supplier_horizon_days""")
                .param("id", event.calendarId())
                .param("days", event.days())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE isd.bank_holiday, isd.run_schedule, isd.calendar_setting")
                .update();
    }
}
