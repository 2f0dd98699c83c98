package io.minewatch.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS from {@code http.tls}: a self-signed certificate made by the openssl CLI, the real server,
 * and a client that trusts that certificate. Sign-in works, the session cookie is {@code Secure},
 * a clip comes back byte for byte through TLS (chunked, since zero-copy cannot be encrypted), and
 * neither plain HTTP nor a client that does not trust the certificate gets an answer.
 */
class HttpsTest {
    @TempDir
    Path dir;

    @Test
    void httpsWithATestCertificateAndASecureCookie() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        try (SecureSite site = new SecureSite(dir, "  tls: {cert: " + cert + ", key: " + key + "}")) {
            assertTrue(site.base.startsWith("https://"), site.base);
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(cert)).build();
            ApiClient admin = ApiClient.signIn(trusting, site.base, "admin", SecureSite.PASSWORDS.get("admin"));
            HttpResponse<String> login = ApiClient.login(trusting, site.base, "ana", SecureSite.PASSWORDS.get("ana"));
            String setCookie = login.headers().firstValue("set-cookie").orElseThrow();
            assertTrue(setCookie.matches("mw_session=[A-Za-z0-9_-]{43}; Path=/; Secure; (?i:HttpOnly); SameSite=Strict"),
                    setCookie);
            assertEquals(200, admin.get("/api/v1/me").statusCode());

            byte[] clip = null;
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (clip == null) {
                HttpResponse<byte[]> r = admin.get("/api/clips/" + site.alertId);
                if (r.statusCode() == 200) {
                    clip = r.body();
                } else if (System.nanoTime() > deadline) {
                    throw new AssertionError("no clip over https: " + r.statusCode());
                } else {
                    Thread.sleep(100);
                }
            }
            Path file;
            try (var files = Files.walk(site.storage.resolve("clips"))) {
                file = files.filter(f -> f.toString().endsWith(".mp4")).findFirst().orElseThrow();
            }
            assertArrayEquals(Files.readAllBytes(file), clip);

            HttpClient plain = HttpClient.newHttpClient();
            String token = admin.cookie().substring("mw_session=".length());
            assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(
                    URI.create(site.base.replace("https://", "http://") + "/api/v1/me")).header("Cookie", admin.cookie())
                            .build(),
                    HttpResponse.BodyHandlers.ofString()), "plain HTTP on the TLS port gets no answer");
            assertThrows(SSLHandshakeException.class, () -> plain.send(HttpRequest.newBuilder(
                    URI.create(site.base + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()),
                    "a client that does not trust the certificate");
            // Regression: Netty's NotSslRecordException message is a hex dump of the plain request, cookie and all.
            String hex = java.util.HexFormat.of().formatHex(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (String line : site.logLines) {
                assertTrue(!line.contains(token) && !line.contains(hex), "the session token reached the log: " + line);
            }
        }
    }

    private static SSLContext trusting(Path cert) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            ks.setCertificateEntry("test", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
