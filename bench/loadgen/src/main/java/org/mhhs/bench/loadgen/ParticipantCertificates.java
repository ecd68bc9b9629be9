package org.mhhs.bench.loadgen;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Client certificates for the synthetic participants, signed by the hub's client CA (whose key the embedded default
 * hub keeps in its data directory), as an operator would issue them. The hub still checks and registers each one.
 */
final class ParticipantCertificates {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate authority;
    private final PrivateKey authorityKey;

    ParticipantCertificates(Path caCertificate, Path caKey) {
        try {
            authority = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(Files.newInputStream(caCertificate));
            try (PEMParser parser = new PEMParser(new StringReader(Files.readString(caKey)))) {
                Object read = parser.readObject();
                JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
                authorityKey = read instanceof PEMKeyPair pair
                        ? converter.getKeyPair(pair).getPrivate()
                        : converter.getPrivateKey((PrivateKeyInfo) read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the client CA " + caCertificate + " / " + caKey, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the client CA " + caCertificate + " is no X.509 certificate", e);
        }
    }

    /** Writes {@code <participant>.crt} and {@code .key} into the directory; answers the certificate's PEM. */
    String issue(String participantId, Path directory) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    authority,
                    new BigInteger(127, RANDOM),
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(30))),
                    new X500Name("CN=" + participantId + ",O=load generator"),
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(authorityKey)));
            String pem = pem(certificate);
            Files.createDirectories(directory);
            Files.writeString(
                    directory.resolve(participantId + ".key"),
                    pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate()));
            Files.writeString(directory.resolve(participantId + ".crt"), pem);
            return pem;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a certificate for " + participantId, e);
        }
    }

    private static String pem(Object value) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(value);
        }
        return out.toString();
    }
}
