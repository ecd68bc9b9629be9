package org.mhhs.backbone.settlement;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.isd.api.RunDueView;
import org.mhhs.backbone.isd.api.SettlementCalendarView;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.SettlementDate;
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

    private final CommandGateway commands;
    private final IsdQueries isd;
    private final SettlementQueries settlement;
    private final Clock clock;
    private final boolean enabled;
    private final Duration interval;
    private final Duration firstAfter;
    private final int catchUpDays;
    private final ParticipantId actingAs;
    private ThreadPoolTaskScheduler scheduler;

    SettlementRunScheduler(
            CommandGateway commands,
            IsdQueries isd,
            SettlementQueries settlement,
            Clock clock,
            @Value("${hub.settlement.scheduler.enabled:true}") boolean enabled,
            @Value("${hub.settlement.scheduler.interval:PT15M}") Duration interval,
            @Value("${hub.settlement.scheduler.first-after:PT1M}") Duration firstAfter,
            @Value("${hub.settlement.scheduler.catch-up-days:7}") int catchUpDays,
            @Value("${hub.settlement.scheduler.acting-as:OPER}") String actingAs) {
        this.commands = commands;
        this.isd = isd;
        this.settlement = settlement;
        this.clock = clock;
        this.enabled = enabled;
        this.interval = interval;
        this.firstAfter = firstAfter;
        this.catchUpDays = catchUpDays;
        this.actingAs = ParticipantId.of(actingAs);
    }

    /**
     * Starts, in order, every scheduled run that has fallen due on or before {@code today} and has not happened, for
     * each settlement day with a run due within the catch-up days; answers the runs it started.
     */
    List<RunDueView> startRunsFallenDue(LocalDate today) {
        SettlementCalendarView calendar = isd.findSettlementCalendar();
        SortedSet<LocalDate> days = new TreeSet<>();
        for (LocalDate date = today.minusDays(catchUpDays); !date.isAfter(today); date = date.plusDays(1)) {
            calendar.runsDueOn(date).forEach(due -> days.add(due.settlementDate()));
        }
        List<RunDueView> started = new ArrayList<>();
        for (LocalDate day : days) {
            Set<SettlementRunType> done = EnumSet.noneOf(SettlementRunType.class);
            settlement.findRuns(day).forEach(run -> done.add(run.runType()));
            for (SettlementRunType runType : SettlementRunType.SCHEDULED) {
                boolean due = calendar.dueDate(day, runType)
                        .map(date -> !date.isAfter(today))
                        .orElse(false);
                if (!due) {
                    break;
                }
                if (done.contains(runType)) {
                    continue;
                }
                try {
                    commands.sendAndWait(StartSettlementRun.of(day, runType, actingAs, RunTrigger.SCHEDULER));
                    started.add(new RunDueView(day, runType));
                    log.info("Started the {} run of {}", runType, day);
                } catch (RuntimeException refused) {
                    log.warn(
                            "The {} run of {} has fallen due but did not start: {}",
                            runType,
                            day,
                            refused.getMessage());
                    break;
                }
            }
        }
        return started;
    }

    private void tick() {
        try {
            startRunsFallenDue(SettlementDate.today(clock).date());
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
        scheduler.setDaemon(true);
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(this::tick, Instant.now().plus(firstAfter), interval);
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
