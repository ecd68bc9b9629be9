package org.mhhs.backbone.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A container health check for images without a shell or curl: exits 0 when the hub's readiness endpoint answers
 * 200, 1 otherwise. It uses the JDK only, so it runs with the hub's classes alone on the class path
 * ({@code java -cp /app/classes org.mhhs.backbone.hub.ReadinessProbe [port [certificate.pem]]}, port 9091 by
 * default). With a certificate file, it asks over HTTPS and trusts the certificates in that file (the hub's own
 * server certificate chain will do); the host name is not checked, since it asks 127.0.0.1.
 */
public final class ReadinessProbe {

    static final String PATH = "/actuator/health/readiness";

    private ReadinessProbe() {}

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9091;
        System.exit((args.length > 1 ? isReady(port, Path.of(args[1])) : isReady(port)) ? 0 : 1);
    }

    public static boolean isReady(int port) {
        return answersOk(open("http", port));
    }

    /** Over HTTPS, trusting the certificates in the PEM file. */
    public static boolean isReady(int port, Path trustedCertificates) {
        try {
            HttpsURLConnection connection = (HttpsURLConnection) open("https", port);
            connection.setSSLSocketFactory(trusting(trustedCertificates).getSocketFactory());
            connection.setHostnameVerifier((host, session) -> true);
            return answersOk(connection);
        } catch (IOException | GeneralSecurityException e) {
            return false;
        }
    }

    private static HttpURLConnection open(String scheme, int port) {
        try {
            HttpURLConnection connection = (HttpURLConnection)
                    URI.create(scheme + "://127.0.0.1:" + port + PATH).toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(3000);
            return connection;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean answersOk(HttpURLConnection connection) {
        try {
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        } finally {
            connection.disconnect();
        }
    }

    private static SSLContext trusting(Path pem) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("trusted-" + i++, certificate);
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
