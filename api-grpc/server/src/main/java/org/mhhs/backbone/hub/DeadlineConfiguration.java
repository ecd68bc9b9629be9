package org.mhhs.backbone.hub;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Persistent deadlines: Axon's db-scheduler deadline manager keeps them in axon.scheduled_tasks, so a deadline
 * scheduled before a restart still fires after it (on whichever hub node polls first). The same scheduler runs the
 * hub's recurring tasks (the retention job), each on one node at a time.
 */
@Configuration(proxyBeanMethods = false)
class DeadlineConfiguration {

    /**
     * The data source joins the command's Spring transaction, so a deadline is stored if and only if the events of
     * the command that scheduled it are. Deadlines are instants of the hub's clock (a time-out is "now" plus the ISD
     * time-out), so the scheduler tells when one falls due by that clock too, not by the system's.
     */
    @Bean(destroyMethod = "stop")
    Scheduler deadlineScheduler(
            DataSource dataSource,
            @Qualifier("deadlineDetailsTask") Task<?> deadlineTask,
            @Qualifier("eventDataTask") Task<?> eventTask,
            List<RecurringTask<?>> recurringTasks,
            Clock clock) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), List.of(deadlineTask, eventTask))
                .startTasks(recurringTasks)
                .clock(clock::instant)
                .tableName("axon.scheduled_tasks")
                .threads(2)
                .pollingInterval(Duration.ofSeconds(1))
                .heartbeatInterval(Duration.ofSeconds(10))
                .commitWhenAutocommitDisabled(false)
                .build();
    }

    /** Deadlines fire only once every handler is subscribed, i.e. when the hub is up. */
    @EventListener(ApplicationReadyEvent.class)
    void startDeadlines(ApplicationReadyEvent ready) {
        ready.getApplicationContext().getBean(Scheduler.class).start();
    }
}
