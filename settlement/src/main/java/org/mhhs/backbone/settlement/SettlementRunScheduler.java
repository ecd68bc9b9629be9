package org.mhhs.backbone.settlement;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.isd.api.RunDueView;
import org.mhhs.backbone.isd.api.SettlementCalendarView;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.settlement.api.RunTrigger;
import org.mhhs.backbone.settlement.api.SettlementQueries;
import org.mhhs.backbone.settlement.api.StartSettlementRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Starts the scheduled runs (SF to RF, never DF) that have fallen due per the ISD calendar, every
 * {@code hub.settlement.scheduler.interval}, looking back {@code catch-up-days} so that days the hub was down are not
 * missed. Several hub nodes may all do it: a run happens once per day and type, the second attempt is refused.
 */
@Component
class SettlementRunScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SettlementRunScheduler.class);
    private static final ZoneId MARKET_ZONE = ZoneId.of("Europe/London");

    private final CommandGateway commands;
    private final IsdQueries isd;
    private final SettlementQueries settlement;
    private final Clock clock;
    private final boolean enabled;
    private final Duration interval;
    private final int catchUpDays;
    private final ParticipantId actingAs;
    private ThreadPoolTaskScheduler scheduler;

    SettlementRunScheduler(CommandGateway commands, IsdQueries isd, SettlementQueries settlement, Clock clock,
                           @Value("${hub.settlement.scheduler.enabled:true}") boolean enabled,
                           @Value("${hub.settlement.scheduler.interval:PT15M}") Duration interval,
                           @Value("${hub.settlement.scheduler.catch-up-days:7}") int catchUpDays,
                           @Value("${hub.settlement.scheduler.acting-as:OPER}") String actingAs) {
        this.commands = commands;
        this.isd = isd;
        this.settlement = settlement;
        this.clock = clock;
        this.enabled = enabled;
        this.interval = interval;
        this.catchUpDays = catchUpDays;
        this.actingAs = ParticipantId.of(actingAs);
    }

    /** Starts every run due on or before {@code today} (within the catch-up days) that has not happened; answers them. */
    List<RunDueView> startRunsFallenDue(LocalDate today) {
        SettlementCalendarView calendar = isd.findSettlementCalendar();
        List<RunDueView> started = new ArrayList<>();
        for (LocalDate date = today.minusDays(catchUpDays); !date.isAfter(today); date = date.plusDays(1)) {
            for (RunDueView due : calendar.runsDueOn(date)) {
                if (settlement.findRun(due.settlementDate(), due.runType()).isPresent()) {
                    continue;
                }
                try {
                    commands.sendAndWait(StartSettlementRun.of(due.settlementDate(), due.runType(), actingAs,
                            RunTrigger.SCHEDULER));
                    started.add(due);
                    log.info("Started the {} run of {}", due.runType(), due.settlementDate());
                } catch (RuntimeException refused) {
                    log.warn("The {} run of {} fell due but did not start: {}", due.runType(), due.settlementDate(),
                            refused.getMessage());
                }
            }
        }
        return started;
    }

    private void tick() {
        try {
            startRunsFallenDue(LocalDate.now(clock.withZone(MARKET_ZONE)));
        } catch (RuntimeException e) {
            log.error("The settlement run scheduler failed; it tries again in {}", interval, e);
        }
    }

    @Override
    public synchronized void start() {
        if (!enabled || scheduler != null) {
            return;
        }
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("settlement-runs-");
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(this::tick, clock.instant().plus(Duration.ofSeconds(30)), interval);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** Last to start, first to stop: the processors and the command bus are up while it runs. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
