package io.jdfs.console.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsersTest {
    @Test
    void plainAndHashedPasswordsWithRoles() {
        Users u = Users.parse(List.of("# comment", "", "ann:pw", "bob:sha256:" + Users.sha256("x") + ":read-only",
                "cy:pw2:admin"), "users");
        assertThat(u.authenticate("ann", "pw")).isEqualTo(Role.ADMIN);
        assertThat(u.authenticate("ann", "nope")).isNull();
        assertThat(u.authenticate("bob", "x")).isEqualTo(Role.READ_ONLY);
        assertThat(u.authenticate("bob", Users.sha256("x"))).as("the hash itself is no password").isNull();
        assertThat(u.authenticate("cy", "pw2")).isEqualTo(Role.ADMIN);
        assertThat(u.authenticate("dan", "pw")).isNull();
        assertThat(u.authenticate(null, null)).isNull();
    }

    @Test
    void badFilesSayWhere() {
        assertThatThrownBy(() -> Users.parse(List.of("ann"), "f")).hasMessageContaining("f line 1");
        assertThatThrownBy(() -> Users.parse(List.of("ann:pw:boss"), "f")).hasMessageContaining("unknown role 'boss'");
        assertThatThrownBy(() -> Users.parse(List.of("# nobody"), "f")).hasMessageContaining("no user");
    }
}
