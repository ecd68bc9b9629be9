package org.mhhs.backbone.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.SettlementDate;
import org.mhhs.backbone.metering.api.ConsumptionCipher;
import org.mhhs.backbone.metering.api.ConsumptionDayId;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.mhhs.backbone.metering.api.Quality;
import org.mhhs.backbone.metering.api.ReadingsCodec;
import org.mhhs.backbone.metering.api.SubmitConsumption;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * For random streams of submissions and revisions (a revision may move an MPAN-day to another supplier or GSP group),
 * the real {@link AllocationProjection}, fed batch by batch in Axon batching units of work with a transaction each as
 * a tracking processor feeds it, on a real PostgreSQL migrated from {@code classpath:db/settlement}, holds exactly
 * what a from-scratch recomputation from the generated submissions gives: the latest version of each MPAN-day, its
 * readings summed per day, GSP group, supplier and period. Batches are redelivered, as after a token that was not
 * stored: from a few batches back up to the end of the batch just handled.
 */
class AllocationPropertyTest {

    private static final List<LocalDate> DAYS = List.of(
            LocalDate.of(2026, 3, 29), // spring clock change: 46 periods
            LocalDate.of(2026, 6, 1),
            LocalDate.of(2026, 10, 25)); // autumn clock change: 50 periods
    private static final List<String> SUPPLIERS = List.of("SUPA", "SUPB", "SUPC");
    private static final List<String> GSP_GROUPS = List.of("_A", "_B");
    private static final List<Mpan> MPANS = List.of(
            mpan("200000000001"),
            mpan("200000000002"),
            mpan("200000000003"),
            mpan("210000000004"),
            mpan("210000000005"),
            mpan("210000000006"));
    private static final ParticipantId DATA_SERVICE = ParticipantId.of("DATA");

    private static EmbeddedPostgres postgres;
    private static JdbcTemplate jdbc;
    private static SpringTransactionManager transactions;
    private static final OneKeyCipher CIPHER = new OneKeyCipher();
    private static AllocationProjection projection;

    record Submission(int mpan, int day, int supplier, int gsp, long seed) {}

    /** A generated version: the event, and what the oracle reads from it (never from the projection's classes). */
    record Version(ConsumptionRecorded event, long[] wattHours) {}

    @BeforeContainer
    static void startPostgresAndMigrate() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        DataSource dataSource = postgres.getPostgresDatabase();
        Flyway.configure()
                .dataSource(dataSource)
                .schemas("settlement")
                .defaultSchema("settlement")
                .createSchemas(true)
                .locations("classpath:db/settlement")
                .load()
                .migrate();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        projection = new AllocationProjection(jdbc, CIPHER);
    }

    @AfterContainer
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeTry
    void emptyProjection() {
        projection.reset();
    }

    @Property(tries = 40)
    void theProjectionFedBatchByBatchHoldsWhatAFromScratchRecomputationGives(
            @ForAll("submissions") List<Submission> submissions,
            @ForAll @IntRange(min = 1, max = 12) int batchSize,
            @ForAll @IntRange(min = 0, max = 3) int batchesRedelivered) {
        List<Version> stream = versioned(submissions);

        for (int from = 0; from < stream.size(); from += batchSize) {
            int to = Math.min(stream.size(), from + batchSize);
            handleInOneBatch(stream.subList(from, to));
            if (batchesRedelivered > 0) {
                handleInOneBatch(stream.subList(Math.max(0, from - (batchesRedelivered - 1) * batchSize), to));
            }
        }

        assertThat(storedRows()).isEqualTo(expectedRows(stream));
        assertThat(storedLatest()).isEqualTo(expectedLatest(stream));
    }

    @Provide
    Arbitrary<List<Submission>> submissions() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, MPANS.size() - 1),
                        Arbitraries.integers().between(0, DAYS.size() - 1),
                        Arbitraries.integers().between(0, SUPPLIERS.size() - 1),
                        Arbitraries.integers().between(0, GSP_GROUPS.size() - 1),
                        Arbitraries.longs())
                .as(Submission::new)
                .list()
                .ofMaxSize(40);
    }

    /** What a tracking processor does with a batch: one unit of work, one transaction, every event handled in it. */
    private static void handleInOneBatch(List<Version> batch) {
        List<EventMessage<?>> messages = batch.stream()
                .<EventMessage<?>>map(version -> GenericEventMessage.asEventMessage(version.event()))
                .toList();
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(messages);
        unitOfWork.attachTransaction(transactions);
        ResultMessage<?> result = unitOfWork.executeWithResult(
                () -> {
                    projection.on((ConsumptionRecorded) unitOfWork.getMessage().getPayload(), unitOfWork);
                    return null;
                },
                RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            throw new AssertionError("the projection failed on a batch", result.exceptionResult());
        }
    }

    /** Numbers each MPAN-day's submissions as versions 1, 2, ... in stream order, with random readings, sealed. */
    private static List<Version> versioned(List<Submission> submissions) {
        Map<String, Integer> versions = new HashMap<>();
        List<Version> stream = new ArrayList<>();
        for (Submission submission : submissions) {
            Mpan mpan = MPANS.get(submission.mpan());
            LocalDate day = DAYS.get(submission.day());
            int version = versions.merge(mpan + "/" + day, 1, Integer::sum);
            int periods = SettlementDate.of(day).periodCount();
            Random random = new Random(submission.seed());
            long[] wattHours = new long[periods];
            List<SubmitConsumption.Reading> readings = new ArrayList<>();
            for (int period = 1; period <= periods; period++) {
                wattHours[period - 1] = random.nextInt(3_000);
                readings.add(new SubmitConsumption.Reading(
                        period,
                        Energy.ofWattHours(wattHours[period - 1]),
                        random.nextBoolean() ? Quality.ACTUAL : Quality.ESTIMATED));
            }
            ConsumptionCipher.Sealed sealed = CIPHER.seal(mpan, day, readings);
            stream.add(new Version(
                    new ConsumptionRecorded(
                            mpan,
                            day,
                            version,
                            DATA_SERVICE,
                            ParticipantId.of(SUPPLIERS.get(submission.supplier())),
                            GspGroupId.of(GSP_GROUPS.get(submission.gsp())),
                            periods,
                            sealed.keyVersion(),
                            sealed.sealedReadings()),
                    wattHours));
        }
        return stream;
    }

    // ---- the oracle: from scratch, from the generated versions alone ----

    /** The last version in the stream of each MPAN-day (versions only grow along the stream). */
    private static Map<String, Version> latestOfEachMpanDay(List<Version> stream) {
        Map<String, Version> latest = new HashMap<>();
        for (Version version : stream) {
            latest.put(version.event().mpan() + "/" + version.event().settlementDate(), version);
        }
        return latest;
    }

    /** "day gsp supplier" -> "mpans=N wh=[period 1, period 2, ...]": sums of the latest versions. */
    private static Map<String, String> expectedRows(List<Version> stream) {
        Map<String, long[]> sums = new TreeMap<>();
        Map<String, Integer> mpans = new TreeMap<>();
        for (Version latest : latestOfEachMpanDay(stream).values()) {
            ConsumptionRecorded event = latest.event();
            String row = event.settlementDate() + " " + event.gspGroupId().value() + " "
                    + event.supplier().value();
            long[] sum = sums.computeIfAbsent(row, r -> new long[latest.wattHours().length]);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += latest.wattHours()[i];
            }
            mpans.merge(row, 1, Integer::sum);
        }
        Map<String, String> rows = new TreeMap<>();
        sums.forEach((row, sum) -> rows.put(row, figures(mpans.get(row), sum)));
        return rows;
    }

    /** consumption day id -> "version supplier gsp periods sealed": the latest version as its event carried it. */
    private static Map<String, String> expectedLatest(List<Version> stream) {
        Map<String, String> latest = new TreeMap<>();
        latestOfEachMpanDay(stream).values().forEach(version -> {
            ConsumptionRecorded event = version.event();
            latest.put(
                    ConsumptionDayId.of(event.mpan(), event.settlementDate()),
                    String.join(
                            " ",
                            Integer.toString(event.version()),
                            event.supplier().value(),
                            event.gspGroupId().value(),
                            Integer.toString(event.periodCount()),
                            Integer.toString(event.keyVersion()),
                            event.sealedReadings()));
        });
        return latest;
    }

    // ---- what the projection stored ----

    private static Map<String, String> storedRows() {
        Map<String, String> rows = new TreeMap<>();
        jdbc.query(
                "SELECT settlement_date, gsp_group_id, supplier_id, mpan_count, energy_wh"
                        + " FROM settlement.allocated_volume",
                rs -> {
                    Long[] energy = (Long[]) rs.getArray(5).getArray();
                    rows.put(
                            rs.getDate(1).toLocalDate() + " " + rs.getString(2) + " " + rs.getString(3),
                            figures(
                                    rs.getInt(4),
                                    Arrays.stream(energy)
                                            .mapToLong(Long::longValue)
                                            .toArray()));
                });
        return rows;
    }

    private static Map<String, String> storedLatest() {
        Map<String, String> latest = new TreeMap<>();
        jdbc.query(
                "SELECT consumption_day_id, version, supplier_id, gsp_group_id, period_count, key_version,"
                        + " sealed_readings FROM settlement.latest_consumption",
                rs -> {
                    latest.put(
                            rs.getString(1),
                            String.join(
                                    " ",
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getString(7)));
                });
        return latest;
    }

    private static String figures(int mpanCount, long[] wattHours) {
        return "mpans=" + mpanCount + " wh=" + Arrays.toString(wattHours);
    }

    private static Mpan mpan(String first12) {
        return Mpan.of(first12 + Mpan.checkDigitOf(first12));
    }

    /**
     * The cipher the projection needs to open what it counted: AES-256-GCM under one key, the MPAN and day as
     * associated data, readings in {@link ReadingsCodec}'s form, as metering seals them.
     */
    private static final class OneKeyCipher implements ConsumptionCipher {

        private static final int KEY_VERSION = 1;
        private final SecretKey key;
        private final SecureRandom random = new SecureRandom();

        OneKeyCipher() {
            try {
                KeyGenerator generator = KeyGenerator.getInstance("AES");
                generator.init(256);
                key = generator.generateKey();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Sealed seal(Mpan mpan, LocalDate settlementDate, List<SubmitConsumption.Reading> readings) {
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, mpan, settlementDate, ReadingsCodec.encode(readings));
            byte[] stored = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, stored, 0, nonce.length);
            System.arraycopy(sealed, 0, stored, nonce.length, sealed.length);
            return new Sealed(KEY_VERSION, Base64.getEncoder().encodeToString(stored));
        }

        @Override
        public Optional<List<SubmitConsumption.Reading>> open(
                Mpan mpan, LocalDate settlementDate, int keyVersion, int periodCount, @Nullable String sealedReadings) {
            if (sealedReadings == null || keyVersion != KEY_VERSION) {
                return Optional.empty();
            }
            byte[] stored = Base64.getDecoder().decode(sealedReadings);
            byte[] plain = crypt(
                    Cipher.DECRYPT_MODE,
                    Arrays.copyOf(stored, 12),
                    mpan,
                    settlementDate,
                    Arrays.copyOfRange(stored, 12, stored.length));
            return Optional.of(ReadingsCodec.decode(periodCount, plain));
        }

        private byte[] crypt(int mode, byte[] nonce, Mpan mpan, LocalDate day, byte[] input) {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(mode, key, new GCMParameterSpec(128, nonce));
                cipher.updateAAD((mpan + "|" + day).getBytes(StandardCharsets.US_ASCII));
                return cipher.doFinal(input);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
