package io.jdfs.client;

import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.Reply;
import io.jdfs.rpc.ClusterIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A client's login: a password is exchanged for a signed login token, which every connection of the
 * client then presents in its handshake; a saved token is presented as it is. A token close to its
 * expiry is renewed while the client lives.
 */
final class ClientLogin {
    private static final Logger LOG = LoggerFactory.getLogger(ClientLogin.class);

    private final NameServerCalls calls;
    private final ClusterIdentity identity;
    private final ScheduledExecutorService scheduler;
    private volatile Reply.LoginReply login;

    ClientLogin(NameServerCalls calls, ClusterIdentity identity, ScheduledExecutorService scheduler) {
        this.calls = calls;
        this.identity = identity;
        this.scheduler = scheduler;
    }

    /**
     * Who the client claims to be: the configured caller, except that a client logging in and acting for
     * no one else (its caller is this process's OS user) claims its login user, so that a gateway's own
     * calls are never taken as a request to act for its OS user.
     */
    static io.jdfs.protocol.Caller claimedCaller(ClientConfig config) {
        Credentials cr = config.login();
        if (cr == null || !config.caller().equals(LocalUser.current())) {
            return config.caller();
        }
        String user = cr.user() != null ? cr.user() : io.jdfs.protocol.LoginTokens.userOf(cr.token());
        if (user == null) {
            return config.caller();
        }
        io.jdfs.protocol.Caller os = config.caller();
        return new io.jdfs.protocol.Caller(user, os.uid(), os.gid(), os.groups()); // ids come from the users file
    }

    /** Logs in with {@code cr}; nothing to do without credentials (simple mode). */
    void logIn(Credentials cr) throws IOException {
        if (cr == null) {
            return;
        }
        if (cr.password() == null) {
            identity.useLoginToken(cr.token()); // sent in the handshake of the connection about to open
            return;
        }
        Reply.LoginReply r = calls.call(new ClientRequest.Login(cr.user(), cr.password(), null), Reply.LoginReply.class);
        identity.useLoginToken(r.token());
        login = r;
        scheduler.scheduleWithFixedDelay(this::renew, 60, 60, TimeUnit.SECONDS);
    }

    private void renew() {
        Reply.LoginReply l = login;
        if (l == null || l.expiresMillis() - System.currentTimeMillis() > Duration.ofHours(12).toMillis()) {
            return;
        }
        try {
            Reply.LoginReply r = calls.call(new ClientRequest.Login(l.caller().user(), null, l.token()),
                    Reply.LoginReply.class);
            identity.useLoginToken(r.token());
            login = r;
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not renew the login of {}: {}", l.caller().user(), e.getMessage());
        }
    }
}
