package org.mhhs.backbone.hub;

import static java.time.Month.SEPTEMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;
import static org.mhhs.backbone.testing.MarketDays.lastYear;

import io.grpc.Status;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.MeteringServiceGrpc;
import org.mhhs.backbone.grpc.v1.ShredConsumptionRequest;
import org.mhhs.backbone.testing.ChannelMarket;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketIds;
import org.mhhs.backbone.testing.RunningHub;
import org.mhhs.backbone.testing.Submissions;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two hub nodes on one PostgreSQL, each caching data keys for an hour: an MPAN shredded through one node is never
 * sealed again with the destroyed key by the other, which still holds it in its cache (ADR 0008's amendment). A
 * revision of the shredded day through that node is refused as on the first; a new day gets the next key version.
 */
class ShreddingOnTwoNodesTest {

    @Test
    void aNodeThatStillCachesAShreddedKeyNeverSealsWithIt(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres postgres =
                EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
            String[] arguments = {
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--hub.encryption.master-key-file=" + dir.resolve("master.key"),
                "--hub.encryption.key-cache-ttl=1h"
            };
            try (RunningHub shredding = RunningHub.start(dir.resolve("node-a"), arguments);
                    RunningHub caching = RunningHub.start(dir.resolve("node-b"), arguments)) {
                String operator = shredding.operatorToken();
                ChannelMarket market = new ChannelMarket(shredding.channel(), operator);
                String dno = MarketIds.mpid('D');
                market.participant(dno, MarketRole.MARKET_ROLE_DNO);
                market.gspGroup("_J", dno);
                String registration =
                        market.participant(MarketIds.mpid('R'), MarketRole.MARKET_ROLE_REGISTRATION_SERVICE);
                String supplier = market.participant(MarketIds.mpid('S'), MarketRole.MARKET_ROLE_SUPPLIER);
                String dataServiceId = MarketIds.mpid('A');
                String dataService = market.participant(dataServiceId, MarketRole.MARKET_ROLE_DATA_SERVICE);
                String mpan = Market.newMpan();
                market.meteringPoint(mpan, "_J", registration);
                market.supplier(mpan, supplier);
                market.dataService(mpan, supplier, dataServiceId, dataService);
                String day = lastYear(SEPTEMBER, 7).toString();
                String newDay = lastYear(SEPTEMBER, 8).toString();
                var onCachingNode = caching.as(MeteringServiceGrpc.newBlockingStub(caching.channel()), dataService);

                var first = Submissions.actualDay(mpan, day, "0.200");
                await().ignoreExceptions()
                        .until(() -> onCachingNode.submitConsumption(first).getVersion(), version -> version == 1);
                shredding
                        .as(MeteringServiceGrpc.newBlockingStub(shredding.channel()), operator)
                        .shredConsumption(ShredConsumptionRequest.newBuilder()
                                .setHeader(newCommand())
                                .setMpan(mpan)
                                .setReason("erasure request of the household")
                                .build());

                var revision =
                        refused(() -> onCachingNode.submitConsumption(Submissions.actualDay(mpan, day, "0.300")));
                assertThat(code(revision) + "/" + reason(revision))
                        .isEqualTo(Status.Code.FAILED_PRECONDITION + "/ShreddedConsumptionIsClosed");
                assertThat(onCachingNode
                                .submitConsumption(Submissions.actualDay(mpan, newDay, "0.100"))
                                .getVersion())
                        .isOne();
                assertThat(sealedKeyVersions(caching.jdbc(), mpan)).containsExactly(day + ":1", newDay + ":2");
            }
        }
    }

    /** Each stored ConsumptionRecorded of the MPAN as "day:keyVersion", in the order of the store. */
    private static List<String> sealedKeyVersions(JdbcClient jdbc, String mpan) {
        return jdbc.sql("""
                        SELECT substring(aggregate_identifier FROM 15) || ':'
                               || substring(convert_from(payload, 'UTF8') FROM '"keyVersion":([0-9]+)')
                        FROM axon.domain_event_entry
                        WHERE aggregate_identifier LIKE :mpan AND payload_type LIKE '%.ConsumptionRecorded'
                        ORDER BY global_index""").param("mpan", mpan + "/%").query(String.class).list();
    }
}
