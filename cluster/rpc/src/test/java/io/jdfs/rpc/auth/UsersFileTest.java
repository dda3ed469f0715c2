package io.jdfs.rpc.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** add, passwd and del edit the file; passwords are bcrypt hashes; the file is for its owner only. */
class UsersFileTest {
    @TempDir
    Path dir;

    @Test
    void addPasswdDel() throws Exception {
        Path f = dir.resolve("users");
        UsersFile.add(f, "alice", "alice-password", 1001, 100, List.of(200, 300));
        UsersFile.add(f, "bob", "bob-password", 1002, 1002, List.of());
        assertThat(Files.readString(f)).doesNotContain("alice-password").contains("alice:$2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        UsersFile users = UsersFile.load(f);
        assertThat(users.authenticate("alice", "alice-password").caller())
                .isEqualTo(new io.jdfs.protocol.Caller("alice", 1001, 100, List.of(200, 300)));
        assertThat(users.authenticate("alice", "wrong-password")).isNull();
        assertThat(users.authenticate("carol", "alice-password")).isNull();
        assertThatThrownBy(() -> UsersFile.add(f, "alice", "another-one", 1, 1, List.of()))
                .hasMessageContaining("already");
        assertThatThrownBy(() -> UsersFile.add(f, "carol", "short", 1, 1, List.of())).hasMessageContaining("8 characters");

        UsersFile.passwd(f, "alice", "a-new-password");
        users = UsersFile.load(f);
        assertThat(users.authenticate("alice", "alice-password")).isNull();
        assertThat(users.authenticate("alice", "a-new-password")).isNotNull();
        UsersFile.delete(f, "bob");
        assertThat(UsersFile.load(f).user("bob")).isNull();
        assertThat(UsersFile.load(f).size()).isEqualTo(1);
    }
}
