package org.mhhs.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void eachScenarioIngestsItsOwnDefaultCount() {
        assertThat(Options.parse("ingest").count()).isEqualTo(1_000_000);
        assertThat(Options.parse("catchup").count()).isEqualTo(200_000);
        assertThat(Options.parse("replay").count()).isEqualTo(100_000);
    }

    @Test
    void theFloodFollowsOneDataServiceAndFiresAHundredThousandCallsOfEachKind() {
        Options flood = Options.parse("flood");

        assertThat(flood.participantsPerRole()).isEqualTo(1);
        assertThat(flood.rate()).isEqualTo(25);
        assertThat(flood.meters()).isEqualTo(200);
        assertThat(flood.floodCalls()).isEqualTo(100_000);
        assertThat(flood.floodInFlight()).isEqualTo(64);
        assertThat(Options.parse("ingest").participantsPerRole()).isEqualTo(8);
        assertThat(Options.parse("flood", "--flood-calls", "2000").floodCalls()).isEqualTo(2_000);
    }

    @Test
    void optionsTakeTheirValueAfterASpaceOrAnEqualsSign() {
        Options options = Options.parse(
                "fanout",
                "--target",
                "hub.example:7443",
                "--rate=250",
                "--tls-ca",
                "ca.pem",
                "--client-cert-dir=certs");

        assertThat(options.host()).isEqualTo("hub.example");
        assertThat(options.port()).isEqualTo(7443);
        assertThat(options.rate()).isEqualTo(250);
        assertThat(options.tlsCa()).isEqualTo(Path.of("ca.pem"));
        assertThat(options.clientCertDir()).isEqualTo(Path.of("certs"));
    }

    @Test
    void anUnknownScenarioOrOptionIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> Options.parse("soak")).hasMessageContaining("ingest|catchup|replay|fanout|memory");
        assertThatThrownBy(() -> Options.parse("ingest", "--lanes", "4"))
                .hasMessageContaining("--lanes")
                .hasMessageContaining("in-flight");
        assertThatThrownBy(() -> Options.parse("ingest", "--count", "0")).hasMessageContaining("at least 1");
    }
}
