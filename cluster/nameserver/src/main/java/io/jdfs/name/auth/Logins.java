package io.jdfs.name.auth;

import io.jdfs.protocol.AuthenticationException;
import io.jdfs.protocol.Caller;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.Message;
import io.jdfs.rpc.RequestHandler.PeerInfo;
import io.jdfs.rpc.auth.UsersFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Who a client is, when the cluster has a users file: a client logs in with a password (checked against
 * the file's bcrypt hash) and gets a signed token naming its user and an expiry; its connection then
 * acts as that user (uid, gid, groups from the file), whatever it claimed in its handshake. It renews
 * the token with the token. Without a users file the cluster runs in simple mode: callers are trusted.
 * Failed logins of a user or from an address are answered later and later (up to 30 s).
 */
public final class Logins {
    private static final Logger LOG = LoggerFactory.getLogger(Logins.class);
    public static final long DEFAULT_TOKEN_LIFETIME_MILLIS = 24 * 3_600_000L;
    private static final long MAX_DELAY_MILLIS = 30_000;

    private final Path usersFile;
    private final byte[] key;
    private final long lifetimeMillis;
    private volatile UsersFile users;
    private volatile FileTime loadedModified;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    private Logins(Path usersFile, byte[] key, long lifetimeMillis) throws IOException {
        this.usersFile = usersFile;
        this.key = key;
        this.lifetimeMillis = lifetimeMillis;
        if (usersFile != null) {
            reload();
        }
    }

    /** Simple mode: no users file, callers are who they say. */
    private volatile java.util.Set<String> proxyUsers = java.util.Set.of();

    public static Logins simple() {
        try {
            return new Logins(null, new byte[0], 0);
        } catch (IOException e) {
            throw new IllegalStateException(e); // nothing to read without a users file
        }
    }

    /**
     * Logins against {@code usersFile}, tokens signed with the key in {@code metaDir/login.key} (made
     * once, so tokens outlive a restart) or, without a metadata directory, a key of this process.
     */
    public static Logins withUsers(Path usersFile, Path metaDir, long lifetimeMillis) throws IOException {
        return new Logins(usersFile, loadOrCreateKey(metaDir), lifetimeMillis);
    }

    /** Users who may act for the other users of the file (gateways), as HDFS's proxy users. */
    public Logins withProxyUsers(java.util.Set<String> names) {
        this.proxyUsers = java.util.Set.copyOf(names);
        return this;
    }

    public boolean enabled() {
        return usersFile != null;
    }

    public String describe() {
        return enabled() ? "users file " + usersFile + " (" + users.size() + " users): clients log in"
                : "simple mode: no users file, callers are trusted as they name themselves";
    }

    /** Checks a password (or a valid token, to renew it) and answers a fresh token, later after failures. */
    public CompletableFuture<Message> login(ClientRequest.Login l, PeerInfo peer) {
        if (!enabled()) {
            return CompletableFuture.failedFuture(new AuthenticationException(
                    "this cluster has no users file (simple mode): there is nothing to log in to"));
        }
        String address = host(peer);
        UsersFile.User u = null;
        try {
            reloadIfChanged();
            if (l.password() != null) {
                u = users.authenticate(l.user(), l.password());
            } else if (l.token() != null) {
                Caller c = verify(l.token());
                u = c == null || (l.user() != null && !c.user().equals(l.user())) ? null : users.user(c.user());
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (u != null) {
            failures.remove("user:" + l.user());
            failures.remove("addr:" + address);
            long expires = System.currentTimeMillis() + lifetimeMillis;
            LOG.info("{} logged in from {}", u.name(), address);
            return CompletableFuture.completedFuture(new Reply.LoginReply(sign(u.name(), expires), expires,
                    u.caller()));
        }
        int n = Math.max(failures.merge("user:" + l.user(), 1, Integer::sum),
                failures.merge("addr:" + address, 1, Integer::sum));
        long delay = n <= 3 ? 0 : Math.min(MAX_DELAY_MILLIS, 500L << Math.min(10, n - 4));
        LOG.warn("failed login of '{}' from {} ({} in a row; answered after {} ms)", l.user(), address, n, delay);
        AuthenticationException refused = new AuthenticationException("login failed: unknown user or wrong password"
                + " for '" + l.user() + "'");
        return CompletableFuture.supplyAsync(() -> (Message) null,
                        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS))
                .thenCompose(x -> CompletableFuture.failedFuture(refused));
    }

    /**
     * The user a client connection acts as: in simple mode the one it claimed; with a users file the one
     * its login token names (an AuthenticationException when it has none or it expired).
     */
    public Caller callerOf(PeerInfo peer, Caller claimed) throws AuthenticationException {
        if (!enabled()) {
            return claimed;
        }
        String token = peer.loginToken();
        if (token == null) {
            throw new AuthenticationException("this cluster requires a login: give --user NAME (password asked)"
                    + " or --token-file FILE");
        }
        Caller c = verify(token);
        if (c == null) {
            throw new AuthenticationException("the login token is invalid or expired: log in again");
        }
        if (claimed != null && !claimed.user().equals(c.user()) && proxyUsers.contains(c.user())) {
            // a gateway acting for one of its users: that user as the users file has them. Anyone else is
            // refused rather than served with the gateway's own rights (a gateway whose own users file
            // lists someone this one does not must not lend that person its identity).
            Caller other = userNamed(claimed.user());
            if (other == null) {
                throw new AuthenticationException("user '" + claimed.user() + "' is not in the name server's users"
                        + " file: '" + c.user() + "' may act only for users listed there");
            }
            return other;
        }
        return c;
    }

    private Caller userNamed(String name) {
        try {
            reloadIfChanged();
        } catch (IOException e) {
            return null;
        }
        UsersFile.User u = users.user(name);
        return u == null ? null : u.caller();
    }

    /** The user a valid, unexpired token names, as the users file has them now; null otherwise. */
    Caller verify(String token) {
        String[] p = token.split("\\.");
        if (p.length != 3) {
            return null;
        }
        try {
            String user = new String(Base64.getUrlDecoder().decode(p[0]), StandardCharsets.UTF_8);
            long expires = Long.parseLong(p[1]);
            if (expires < System.currentTimeMillis() || !MessageDigest.isEqual(
                    sign(user, expires).getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII))) {
                return null;
            }
            reloadIfChanged();
            UsersFile.User u = users.user(user);
            return u == null ? null : u.caller(); // a deleted user's tokens die with it
        } catch (IllegalArgumentException | IOException e) {
            return null;
        }
    }

    String sign(String user, long expires) {
        String head = io.jdfs.protocol.LoginTokens.head(user, expires);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return head + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(head.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private void reloadIfChanged() throws IOException {
        FileTime m = Files.getLastModifiedTime(usersFile);
        if (!m.equals(loadedModified)) {
            reload();
        }
    }

    private synchronized void reload() throws IOException {
        FileTime m = Files.getLastModifiedTime(usersFile);
        users = UsersFile.load(usersFile);
        loadedModified = m;
    }

    private static String host(PeerInfo peer) {
        String a = peer == null ? "in-process" : peer.address();
        int colon = a.lastIndexOf(':');
        return colon > 0 ? a.substring(0, colon) : a;
    }

    private static byte[] loadOrCreateKey(Path metaDir) throws IOException {
        byte[] k = new byte[32];
        if (metaDir == null) {
            new SecureRandom().nextBytes(k);
            return k;
        }
        Path f = metaDir.resolve("login.key");
        if (Files.exists(f)) {
            return Files.readAllBytes(f);
        }
        new SecureRandom().nextBytes(k);
        Files.createDirectories(metaDir);
        Path tmp = metaDir.resolve("login.key.tmp");
        Files.write(tmp, k);
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not POSIX
        }
        Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return k;
    }
}
