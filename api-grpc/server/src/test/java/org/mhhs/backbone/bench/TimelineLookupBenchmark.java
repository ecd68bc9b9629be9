package org.mhhs.backbone.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.registration.api.RegistrationQueries;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * What one "who is responsible for this MPAN on this day" lookup costs, the lookup metering makes for every
 * consumption submission, next to the cheapest possible query (a primary-key probe) on the same database in the
 * same run. Prints figures; it checks answers, never speed. Not part of the default test run:
 * ./mvnw -pl api-grpc/server -am test -Dtest=TimelineLookupBenchmark -DexcludedTestGroups= \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 */
@Tag("benchmark")
@HubIntegrationTest
@TestPropertySource(properties = "spring.grpc.server.health.actuator.update-rate=5s")
class TimelineLookupBenchmark {

    private static final int METERING_POINTS = 100_000;
    private static final int LOOKUPS = 100_000;

    @Autowired
    RegistrationQueries registration;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void responsibilityLookupAgainstAPrimaryKeyProbe() {
        List<String> mpans = populate();
        Random random = new Random(42);
        int[] picks = random.ints(LOOKUPS, 0, mpans.size()).toArray();
        LocalDate firstDay = LocalDate.of(2025, 1, 1);
        int[] days = random.ints(LOOKUPS, 0, 700).toArray();

        measure(
                "warm-up",
                20_000,
                i -> registration.findResponsibility(Mpan.of(mpans.get(picks[i])), firstDay.plusDays(days[i])));
        double[] raw = measure(
                "raw PostgreSQL primary-key probe",
                LOOKUPS,
                i -> jdbc.queryForObject(
                        "SELECT registration_service FROM registration.metering_point WHERE mpan = ?",
                        String.class,
                        mpans.get(picks[i])));
        double[] lookup = measure(
                "findResponsibility (details + supplier + data service + metering service)",
                LOOKUPS,
                i -> assertThat(registration.findResponsibility(
                                Mpan.of(mpans.get(picks[i])), firstDay.plusDays(days[i])))
                        .isPresent());
        System.out.printf(
                "%nresponsibility lookup costs %.2fx a primary-key probe (mean %.1f us vs %.1f us)%n",
                lookup[0] / raw[0], lookup[0], raw[0]);
    }

    /** Mean, p50, p99 in microseconds. */
    private static double[] measure(String name, int count, IntConsumer call) {
        long[] nanos = new long[count];
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long t = System.nanoTime();
            call.accept(i);
            nanos[i] = System.nanoTime() - t;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1000;
        double p50 = nanos[count / 2] / 1000.0;
        double p99 = nanos[(int) (count * 0.99)] / 1000.0;
        System.out.printf(
                "%-80s %,8d calls %,9.0f/s  mean %6.1f us  p50 %6.1f us  p99 %6.1f us%n",
                name, count, count / seconds, mean, p50, p99);
        return new double[] {mean, p50, p99};
    }

    /** Read-model rows as the projection writes them: two supplier periods and one of each service per MPAN. */
    private List<String> populate() {
        List<String> mpans = new ArrayList<>();
        for (int i = 0; i < METERING_POINTS; i++) {
            String prefix = String.format("99%010d", i);
            mpans.add(prefix + Mpan.checkDigitOf(prefix));
        }
        jdbc.batchUpdate(
                "INSERT INTO registration.metering_point VALUES (?, 'RBEN', DATE '2025-01-01') "
                        + "ON CONFLICT DO NOTHING",
                mpans.stream().map(m -> new Object[] {m}).toList());
        jdbc.batchUpdate(
                "INSERT INTO registration.metering_point_details VALUES (?, DATE '2025-01-01', '_A', 'SMART', "
                        + "'ENERGISED') ON CONFLICT DO NOTHING",
                mpans.stream().map(m -> new Object[] {m}).toList());
        jdbc.batchUpdate(
                "INSERT INTO registration.responsibility VALUES (?, 'SUPPLIER', 'SBEN', DATE '2025-01-01', "
                        + "DATE '2025-09-30', NULL) ON CONFLICT DO NOTHING",
                mpans.stream().map(m -> new Object[] {m}).toList());
        jdbc.batchUpdate(
                "INSERT INTO registration.responsibility VALUES (?, 'SUPPLIER', 'SBEO', DATE '2025-10-01', "
                        + "NULL, NULL) ON CONFLICT DO NOTHING",
                mpans.stream().map(m -> new Object[] {m}).toList());
        jdbc.batchUpdate(
                "INSERT INTO registration.responsibility VALUES (?, 'DATA_SERVICE', 'DBEN', DATE '2025-01-01', "
                        + "NULL, gen_random_uuid()) ON CONFLICT DO NOTHING",
                mpans.stream().map(m -> new Object[] {m}).toList());
        jdbc.batchUpdate(
                "INSERT INTO registration.responsibility VALUES (?, 'METERING_SERVICE', 'MBEN', "
                        + "DATE '2025-01-01', NULL, gen_random_uuid()) ON CONFLICT DO NOTHING",
                mpans.stream().map(m -> new Object[] {m}).toList());
        jdbc.execute("ANALYZE registration.metering_point, registration.metering_point_details, "
                + "registration.responsibility");
        return mpans;
    }
}
