package io.jdfs.rpc.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * A self-signed cluster CA and node certificates for a test cluster (what {@code dfs admin certs} runs).
 * In {@code dir}: {@code ca.p12} (the CA's key: keep it to add nodes later), {@code ca.pem} (for curl
 * or a browser), {@code trust.p12} (the CA only: what a client needs) and {@code NODE.p12} per node
 * (its key, its certificate naming every given host, and the CA). All stores share one password.
 */
public final class ClusterCertificates {
    public static final String CA_ALIAS = "ca";
    public static final String NODE_ALIAS = "node";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClusterCertificates() {
    }

    /** The files written: the CA's store, its PEM, the clients' trust store and one store per node. */
    public record Written(Path caStore, Path caPem, Path trustStore, List<Path> nodeStores) {
    }

    /**
     * Writes (or, when {@code ca.p12} is there, reuses) the CA and issues one certificate per node name,
     * valid for {@code validity}, naming {@code hosts} (DNS names or IP addresses).
     */
    public static Written create(Path dir, String password, List<String> nodes, List<String> hosts, Duration validity)
            throws IOException {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the key stores need a password (--password or JDFS_TLS_PASSWORD)");
        }
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("name at least one host the certificates are for (--host)");
        }
        try {
            Files.createDirectories(dir);
            char[] pw = password.toCharArray();
            Path caStore = dir.resolve("ca.p12");
            PrivateKey caKey;
            X509Certificate caCert;
            if (Files.exists(caStore)) {
                KeyStore ks = Tls.load(new TlsSettings(caStore, password));
                caKey = (PrivateKey) ks.getKey(CA_ALIAS, pw);
                caCert = (X509Certificate) ks.getCertificate(CA_ALIAS);
            } else {
                KeyPair ca = keyPair();
                caKey = ca.getPrivate();
                caCert = caCertificate(ca, validity.plusDays(365));
                KeyStore ks = emptyStore();
                ks.setKeyEntry(CA_ALIAS, caKey, pw, new Certificate[]{caCert});
                save(ks, caStore, pw);
            }
            Path pem = dir.resolve("ca.pem");
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(caCert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
            KeyStore trust = emptyStore();
            trust.setCertificateEntry(CA_ALIAS, caCert);
            Path trustStore = dir.resolve("trust.p12");
            save(trust, trustStore, pw);
            List<Path> written = new ArrayList<>();
            for (String node : nodes) {
                KeyPair kp = keyPair();
                X509Certificate cert = nodeCertificate(kp, node, hosts, caKey, caCert, validity);
                KeyStore ks = emptyStore();
                ks.setKeyEntry(NODE_ALIAS, kp.getPrivate(), pw, new Certificate[]{cert, caCert});
                ks.setCertificateEntry(CA_ALIAS, caCert);
                Path p = dir.resolve(node + ".p12");
                save(ks, p, pw);
                written.add(p);
            }
            return new Written(caStore, pem, trustStore, written);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make certificates: " + e.getMessage(), e);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256, RANDOM);
        return g.generateKeyPair();
    }

    private static X509Certificate caCertificate(KeyPair ca, Duration validity)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X500Name name = new X500Name("CN=JDFS cluster CA");
        X509v3CertificateBuilder b = builder(name, name, ca, validity);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return sign(b, ca.getPrivate());
    }

    private static X509Certificate nodeCertificate(KeyPair kp, String node, List<String> hosts, PrivateKey caKey,
                                                   X509Certificate caCert, Duration validity)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X500Name issuer = X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder b = builder(issuer, new X500Name("CN=" + node), kp, validity);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        GeneralName[] names = hosts.stream()
                .map(h -> new GeneralName(isAddress(h) ? GeneralName.iPAddress : GeneralName.dNSName, h))
                .toArray(GeneralName[]::new);
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        return sign(b, caKey);
    }

    private static boolean isAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair kp, Duration validity) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).abs().add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject, kp.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        return ks;
    }

    private static void save(KeyStore ks, Path p, char[] pw) throws IOException, GeneralSecurityException {
        Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, pw);
        }
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own rules apply
        }
        Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
