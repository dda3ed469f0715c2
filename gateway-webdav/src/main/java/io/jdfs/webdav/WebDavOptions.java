package io.jdfs.webdav;

import java.nio.file.Path;

/**
 * How the gateway runs.
 *
 * @param usersFile        users allowed in (name:bcrypt-hash[:uid[:gid]] lines); null serves anonymously
 * @param keyStore         a PKCS#12 or JKS key store: when set the port speaks HTTPS only
 * @param keyStorePassword its password
 */
public record WebDavOptions(Path usersFile, Path keyStore, String keyStorePassword) {
    public static WebDavOptions defaults() {
        return new WebDavOptions(null, null, null);
    }

    public WebDavOptions withUsers(Path file) {
        return new WebDavOptions(file, keyStore, keyStorePassword);
    }

    public WebDavOptions withKeyStore(Path file, String password) {
        return new WebDavOptions(usersFile, file, password);
    }
}
