package org.mhhs.backbone.testing;

import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.mhhs.backbone.access.CertificateIssuer;
import org.mhhs.backbone.grpc.v1.AccessServiceGrpc;
import org.mhhs.backbone.grpc.v1.WhoAmIRequest;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Mutual TLS for tests of the production mode: a CA of the test's own in a directory the hub uses as its TLS
 * directory (the hub issues the first operator's certificate with that CA's key, as on an empty production hub), and
 * channels that present a participant's certificate, closed with this.
 */
public final class TestCertificates implements AutoCloseable {

    private final Path directory;
    private final CertificateIssuer.Issued authority;
    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();
    private volatile ManagedChannel operator;

    private TestCertificates(Path directory, CertificateIssuer.Issued authority) {
        this.directory = directory;
        this.authority = authority;
    }

    /** A CA valid from yesterday for a month, and the hub's server certificate for localhost, in a new directory. */
    public static TestCertificates create() {
        Instant now = Instant.now();
        CertificateIssuer.Issued authority = CertificateIssuer.certificateAuthority(
                "Test hub CA", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        CertificateIssuer.Issued server = CertificateIssuer.server(
                authority,
                List.of("localhost", "127.0.0.1"),
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
        try {
            Path directory = Files.createTempDirectory("hub-test-tls");
            Files.writeString(directory.resolve("ca.crt"), authority.certificatePem());
            Files.writeString(directory.resolve("ca.key"), authority.privateKeyPem());
            Files.writeString(directory.resolve("server.crt"), server.certificatePem() + authority.certificatePem());
            Files.writeString(directory.resolve("server.key"), server.privateKeyPem());
            return new TestCertificates(directory, authority);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points the hub under test at this directory (for a {@code @DynamicPropertySource}). */
    public void configure(DynamicPropertyRegistry registry) {
        registry.add("hub.tls.directory", directory::toString);
        registry.add("hub.tls.generate-if-missing", () -> "false");
    }

    /** A client certificate for the participant, issued by the test CA, valid from an hour ago to {@code notAfter}. */
    public CertificateIssuer.Issued client(String participant, Instant notAfter) {
        return CertificateIssuer.client(authority, participant, Instant.now().minus(Duration.ofHours(1)), notAfter);
    }

    /** A TLS channel to the hub presenting the certificate. */
    public ManagedChannel channel(int port, CertificateIssuer.Issued certificate) {
        return channel(port, pem(certificate.certificatePem()), pem(certificate.privateKeyPem()));
    }

    /** The first operator's channel, with the certificate the hub issued it, once the hub takes it. */
    public ManagedChannel operatorChannel(int port) {
        if (operator == null) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(directory.resolve("operator.key")));
            try {
                ManagedChannel channel = channel(
                        port,
                        Files.newInputStream(directory.resolve("operator.crt")),
                        Files.newInputStream(directory.resolve("operator.key")));
                await().atMost(Duration.ofSeconds(60))
                        .ignoreExceptions()
                        .until(() -> AccessServiceGrpc.newBlockingStub(channel)
                                .withDeadlineAfter(10, TimeUnit.SECONDS)
                                .whoAmI(WhoAmIRequest.getDefaultInstance())
                                .getParticipantId()
                                .equals("OPER"));
                operator = channel;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return operator;
    }

    private ManagedChannel channel(int port, InputStream certificate, InputStream key) {
        try {
            ManagedChannel channel = NettyChannelBuilder.forAddress(
                            "localhost",
                            port,
                            TlsChannelCredentials.newBuilder()
                                    .keyManager(certificate, key)
                                    .trustManager(pem(authority.certificatePem()))
                                    .build())
                    .build();
            channels.add(channel);
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream pem(String pem) {
        return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow();
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
