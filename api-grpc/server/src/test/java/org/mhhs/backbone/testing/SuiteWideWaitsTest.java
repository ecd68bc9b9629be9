package org.mhhs.backbone.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.EvaluatedCondition;
import org.junit.jupiter.api.Test;

/** Every wait of the hub's tests has the suite's default unless it names its own: set before any test runs. */
class SuiteWideWaitsTest {

    @Test
    void aWaitWithoutItsOwnLimitWaitsSixtySecondsPollingEveryHundredMilliseconds() {
        AtomicReference<EvaluatedCondition<?>> evaluated = new AtomicReference<>();

        await().conditionEvaluationListener(evaluated::set).until(() -> true);

        long leftMillis = evaluated.get().getRemainingTimeInMS();
        assertThat(leftMillis).isBetween(Duration.ofSeconds(50).toMillis(), SuiteWideWaits.TIMEOUT.toMillis());
        assertThat(SuiteWideWaits.TIMEOUT).isEqualTo(Duration.ofSeconds(60));
        assertThat(evaluated.get().getPollInterval()).isEqualTo(Duration.ofMillis(100));
    }
}
