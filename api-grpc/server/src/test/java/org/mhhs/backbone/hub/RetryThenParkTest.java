package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** The dead-letter policy: retried with back-off, parked after the attempts, a transient failure never parked. */
class RetryThenParkTest {

    private final FailedEvents failed = new FailedEvents();
    private final RetryThenPark policy = new RetryThenPark("metering", failed, 3);

    @Test
    void aFailingEventIsRetriedThenParkedWithItsAttempts() {
        DeadLetter<EventMessage<?>> letter = letter();
        IllegalStateException poison = new IllegalStateException("cannot unwrap the MPAN's key");

        assertThatThrownBy(() -> policy.decide(letter, poison))
                .isInstanceOf(RetryThenPark.HandlingRetried.class)
                .hasCause(poison);
        assertThat(failed.hasFailed(letter.message().getIdentifier()))
                .as("the next attempt runs in a savepoint")
                .isTrue();
        assertThatThrownBy(() -> policy.decide(letter, poison)).isInstanceOf(RetryThenPark.HandlingRetried.class);
        EnqueueDecision<EventMessage<?>> third = policy.decide(letter, poison);

        assertThat(third.shouldEnqueue()).isTrue();
        assertThat(third.enqueueCause()).get().extracting(Throwable::getMessage).isEqualTo(poison.getMessage());
        assertThat(third.withDiagnostics(letter).diagnostics()).containsEntry(RetryThenPark.ATTEMPTS, 3);
    }

    @Test
    void aTransientFailureIsRetriedForAsLongAsItLastsAndNeverParked() {
        DeadLetter<EventMessage<?>> letter = letter();
        for (RuntimeException blip : new RuntimeException[] {
            new CannotGetJdbcConnectionException("pool exhausted"),
            new RuntimeException("wrapped", new SQLException("terminating connection", "57P01")),
            new RuntimeException("wrapped", new SQLException("could not serialize access", "40001")),
            new RuntimeException("wrapped", new SQLTransientConnectionException("connection reset"))
        }) {
            for (int attempt = 0; attempt < 10; attempt++) {
                assertThatThrownBy(() -> policy.decide(letter, blip))
                        .as("%s, attempt %d", blip, attempt)
                        .isInstanceOf(RetryThenPark.HandlingRetried.class);
            }
        }
    }

    @Test
    void aStatementThatFailsForTheEventsSakeIsNoTransientFailure() {
        assertThat(TransientFailures.isTransient(new DataIntegrityViolationException("duplicate key")))
                .isFalse();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("bad input", "22P02"))))
                .isFalse();
    }

    @Test
    void aParkedEventThatFailsAgainWhenRetriedStaysParkedWithOneRetryMore() {
        DeadLetter<EventMessage<?>> parked = letter().withDiagnostics(
                        MetaData.with(RetryThenPark.ATTEMPTS, 3).and(RetryThenPark.RETRIES, 1));

        EnqueueDecision<EventMessage<?>> decision = policy.decide(parked, new IllegalStateException("still"));

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.withDiagnostics(parked).diagnostics())
                .containsEntry(RetryThenPark.ATTEMPTS, 3)
                .containsEntry(RetryThenPark.RETRIES, 2);
    }

    private static DeadLetter<EventMessage<?>> letter() {
        return new GenericDeadLetter<>("aggregate", GenericEventMessage.asEventMessage("payload"));
    }
}
