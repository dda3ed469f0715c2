package io.jdfs.local.junit;

import io.jdfs.client.Credentials;
import io.jdfs.rpc.auth.UsersFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The accounts of the security tests, one definition for every module: {@code admin} (the
 * superuser, uid 0), {@code alice} (uid {@value #ALICE}), {@code bob} (uid {@value #BOB}) and the
 * gateway or console accounts a test names (uids from {@value #FIRST_SERVICE_UID} up), each with the
 * password {@code NAME-password}.
 */
public final class TestUsers {
    public static final int ALICE = 1001;
    public static final int BOB = 1002;
    public static final int FIRST_SERVICE_UID = 990;

    private TestUsers() {
    }

    /** Writes admin, alice, bob and the {@code services} accounts to a new users file; returns it. */
    public static Path write(Path file, String... services) throws IOException {
        UsersFile.add(file, "admin", password("admin"), 0, 0, List.of());
        UsersFile.add(file, "alice", password("alice"), ALICE, ALICE, List.of());
        UsersFile.add(file, "bob", password("bob"), BOB, BOB, List.of());
        for (int i = 0; i < services.length; i++) {
            int uid = FIRST_SERVICE_UID + i;
            UsersFile.add(file, services[i], password(services[i]), uid, uid, List.of());
        }
        return file;
    }

    public static String password(String user) {
        return user + "-password";
    }

    /** The login of one of the accounts above, with its right password. */
    public static Credentials login(String user) {
        return Credentials.password(user, password(user));
    }
}
