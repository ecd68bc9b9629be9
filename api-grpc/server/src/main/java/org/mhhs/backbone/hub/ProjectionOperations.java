package org.mhhs.backbone.hub;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.mhhs.backbone.kernel.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The hub's projections for operators: every streaming event processor Axon runs (found at runtime, whatever
 * contexts registered), its position and lag behind the event store's head, and rebuilds (reset to the start and
 * replay) with progress, also as Micrometer gauges {@code hub.projection.*} tagged by processor.
 */
@Component
public class ProjectionOperations {

    private static final Logger log = LoggerFactory.getLogger(ProjectionOperations.class);

    public enum State {
        RUNNING,
        REPLAYING,
        ERROR,
        STOPPED,
        /** Running, with events parked as dead letters (docs/adr/0015). */
        DEGRADED
    }

    public record ProjectionStatus(
            String name, State state, long position, long head, int segmentCount, long deadLetters) {

        public long lag() {
            return Math.max(0, head - position);
        }
    }

    public record RebuildProgress(
            String name,
            State state,
            long eventsDone,
            long eventsTotal,
            double eventsPerSecond,
            long etaSeconds,
            boolean finished,
            Instant startedAt,
            Duration elapsed) {}

    /** A rebuild under way or done: what it must reach, and when it started and (once seen) ended. */
    private static final class Rebuild {

        final Instant startedAt;
        final long total;
        volatile Instant finishedAt;
        volatile long done;

        Rebuild(Instant startedAt, long total) {
            this.startedAt = startedAt;
            this.total = total;
        }
    }

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final MeterRegistry meters;
    private final Clock clock;
    private final DeadLetters deadLetters;
    private final Map<String, Rebuild> rebuilds = new ConcurrentHashMap<>();
    private final Map<String, Boolean> metered = new ConcurrentHashMap<>();

    public ProjectionOperations(
            EventProcessingConfiguration processing,
            EventStore eventStore,
            TokenStore tokenStore,
            MeterRegistry meters,
            Clock clock,
            DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
        this.processing = processing;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.meters = meters;
        this.clock = clock;
    }

    public List<ProjectionStatus> list() {
        long head = head();
        Map<String, Long> parked = deadLetters.counts();
        return processors().stream()
                .map(processor -> withDeadLetters(status(processor, head), parked))
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
    }

    /** Empties the projection and replays it from the start of the event store; answers its first progress. */
    public RebuildProgress rebuild(String name) {
        StreamingEventProcessor processor = processor(name);
        if (!processor.supportsReset()) {
            throw RuleViolation.precondition(
                    "ProjectionMustSupportReset", name, "the processor " + name + " cannot be reset");
        }
        Rebuild previous = rebuilds.get(name);
        if (previous != null
                && previous.finishedAt == null
                && progress(name, processor, previous).state() == State.REPLAYING) {
            throw RuleViolation.precondition(
                    "OneRebuildAtATime", name, "the projection " + name + " is being rebuilt already");
        }
        long total = head();
        log.info("Rebuilding projection {} up to position {}", name, total);
        processor.shutDown();
        processor.resetTokens();
        Rebuild rebuild = new Rebuild(clock.instant(), total);
        rebuilds.put(name, rebuild);
        meter(name);
        processor.start();
        return progress(name, processor, rebuild);
    }

    public Optional<RebuildProgress> progress(String name) {
        StreamingEventProcessor processor = processor(name);
        return Optional.ofNullable(rebuilds.get(name)).map(rebuild -> progress(name, processor, rebuild));
    }

    private RebuildProgress progress(String name, StreamingEventProcessor processor, Rebuild rebuild) {
        ProjectionStatus status = status(processor, rebuild.total);
        long done = Math.min(rebuild.total, status.position());
        boolean finished = rebuild.finishedAt != null || (status.state() == State.RUNNING && done >= rebuild.total);
        if (finished && rebuild.finishedAt == null) {
            rebuild.finishedAt = clock.instant();
            log.info(
                    "Rebuilt projection {}: {} positions in {}",
                    name,
                    rebuild.total,
                    Duration.between(rebuild.startedAt, rebuild.finishedAt));
        }
        if (finished) {
            done = rebuild.total;
        }
        rebuild.done = done;
        Instant end = finished ? rebuild.finishedAt : clock.instant();
        Duration elapsed = Duration.between(rebuild.startedAt, end);
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-3);
        double rate = done / seconds;
        long eta = finished || rate <= 0 ? 0 : (long) Math.ceil((rebuild.total - done) / rate);
        return new RebuildProgress(
                name,
                finished ? status.state() : State.REPLAYING,
                done,
                rebuild.total,
                rate,
                eta,
                finished,
                rebuild.startedAt,
                elapsed);
    }

    private static ProjectionStatus withDeadLetters(ProjectionStatus status, Map<String, Long> parked) {
        long letters = parked.getOrDefault(status.name(), 0L);
        return new ProjectionStatus(
                status.name(),
                letters > 0 && status.state() == State.RUNNING ? State.DEGRADED : status.state(),
                status.position(),
                status.head(),
                status.segmentCount(),
                letters);
    }

    private ProjectionStatus status(StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        State state;
        if (!processor.isRunning()) {
            state = processor.isError() ? State.ERROR : State.STOPPED;
        } else if (segments.values().stream().anyMatch(EventTrackerStatus::isErrorState) || processor.isError()) {
            state = State.ERROR;
        } else if (segments.values().stream().anyMatch(ProjectionOperations::behindItsReset)) {
            state = State.REPLAYING;
        } else {
            state = State.RUNNING;
        }
        // a processor that has claimed no segment yet (just started) has processed nothing this node can vouch for
        long position = segments.values().stream()
                .mapToLong(s -> s.getCurrentPosition().orElse(0))
                .min()
                .orElse(0);
        int segmentCount = segments.isEmpty() ? tokenStore.fetchSegments(processor.getName()).length : segments.size();
        return new ProjectionStatus(processor.getName(), state, position, head, segmentCount, 0);
    }

    /**
     * Axon keeps a segment's token marked as replaying until an event beyond its reset position arrives; one that has
     * reached that position is caught up, whatever the mark says.
     */
    private static boolean behindItsReset(EventTrackerStatus segment) {
        return segment.isReplaying()
                && segment.getCurrentPosition().orElse(0)
                        < segment.getResetPosition().orElse(Long.MAX_VALUE);
    }

    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    private Collection<StreamingEventProcessor> processors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .toList();
    }

    private StreamingEventProcessor processor(String name) {
        return processors().stream()
                .filter(p -> p.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> RuleViolation.notFound(
                        "ProjectionMustExist", name, "the hub has no projection " + "named " + name));
    }

    /** Every processor's lag behind the head, as {@code hub.projection.lag}. */
    @EventListener(ApplicationReadyEvent.class)
    void meterLag() {
        processors()
                .forEach(processor -> Gauge.builder(
                                "hub.projection.lag",
                                this,
                                ops -> ops.status(processor, ops.head()).lag())
                        .tag("processor", processor.getName())
                        .description("positions behind the event store's head")
                        .register(meters));
    }

    private void meter(String name) {
        if (metered.putIfAbsent(name, Boolean.TRUE) != null) {
            return;
        }
        Gauge.builder(
                        "hub.projection.rebuild.events.done",
                        this,
                        ops -> ops.progress(name)
                                .map(RebuildProgress::eventsDone)
                                .orElse(0L))
                .tag("processor", name)
                .description("positions replayed by the latest rebuild")
                .register(meters);
        Gauge.builder("hub.projection.rebuild.events.total", this, ops -> ops.rebuilds.get(name).total)
                .tag("processor", name)
                .description("positions the latest rebuild replays")
                .register(meters);
        Gauge.builder(
                        "hub.projection.rebuild.events.per.second",
                        this,
                        ops -> ops.progress(name)
                                .map(RebuildProgress::eventsPerSecond)
                                .orElse(0.0))
                .tag("processor", name)
                .description("replay rate of the latest rebuild")
                .register(meters);
    }
}
