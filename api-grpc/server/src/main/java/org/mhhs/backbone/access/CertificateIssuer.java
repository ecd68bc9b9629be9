package org.mhhs.backbone.access;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes X.509 certificates with BouncyCastle: the hub's own certificate authority on a first start without one, the
 * hub's server certificate, the first operator's client certificate, and (in tests) participant certificates of
 * every kind. Keys are EC P-256; private keys are written as PKCS#8 PEM, which gRPC, OpenSSL and grpcurl all read.
 */
public final class CertificateIssuer {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SIGNATURE = "SHA256withECDSA";

    /** A certificate with its private key. */
    public record Issued(X509Certificate certificate, PrivateKey privateKey) {

        public String certificatePem() {
            return pem(certificate);
        }

        public String privateKeyPem() {
            try {
                return pem(new JcaPKCS8Generator(privateKey, null).generate());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private CertificateIssuer() {}

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has EC P-256", e);
        }
    }

    /** A self-signed certificate authority that may sign end-entity certificates only (path length 0). */
    public static Issued certificateAuthority(String commonName, Instant notBefore, Instant notAfter) {
        KeyPair keys = newKeyPair();
        X500Name name = name(commonName);
        return new Issued(
                build(name, keys.getPublic(), name, keys.getPrivate(), null, notBefore, notAfter, builder -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                    builder.addExtension(
                            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }),
                keys.getPrivate());
    }

    /** A TLS server certificate for the given DNS names and IP addresses. */
    public static Issued server(Issued authority, List<String> names, Instant notBefore, Instant notAfter) {
        KeyPair keys = newKeyPair();
        GeneralName[] alternatives = names.stream()
                .map(n -> n.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:]*")
                        ? new GeneralName(GeneralName.iPAddress, n)
                        : new GeneralName(GeneralName.dNSName, n))
                .toArray(GeneralName[]::new);
        return new Issued(
                build(name(names.getFirst()), keys.getPublic(), authority, notBefore, notAfter, builder -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives));
                }),
                keys.getPrivate());
    }

    /** A TLS client certificate whose subject is the participant id (the hub maps it by fingerprint, not by name). */
    public static Issued client(Issued authority, String participantId, Instant notBefore, Instant notAfter) {
        KeyPair keys = newKeyPair();
        return new Issued(
                build(name(participantId), keys.getPublic(), authority, notBefore, notAfter, builder -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                }),
                keys.getPrivate());
    }

    public static String pem(Object value) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Reads a PEM private key (PKCS#8, or the traditional EC/RSA forms OpenSSL writes). */
    public static PrivateKey readPrivateKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object read = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (read instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (read instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new IllegalArgumentException("no unencrypted private key in the PEM text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws IOException;
    }

    private static X509Certificate build(
            X500Name subject,
            PublicKey key,
            Issued authority,
            Instant notBefore,
            Instant notAfter,
            Extensions extensions) {
        return build(
                subject,
                key,
                X500Name.getInstance(
                        authority.certificate().getSubjectX500Principal().getEncoded()),
                authority.privateKey(),
                authority.certificate(),
                notBefore,
                notAfter,
                extensions);
    }

    private static X509Certificate build(
            X500Name subject,
            PublicKey key,
            X500Name issuer,
            PrivateKey signer,
            X509Certificate issuerCertificate,
            Instant notBefore,
            Instant notAfter,
            Extensions extensions) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    new BigInteger(127, RANDOM).add(BigInteger.ONE),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    subject,
                    key);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
            if (issuerCertificate != null) {
                builder.addExtension(
                        Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerCertificate));
            }
            extensions.add(builder);
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build a certificate for " + subject, e);
        }
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, commonName)
                .addRDN(BCStyle.O, "MHHS hub")
                .build();
    }
}
