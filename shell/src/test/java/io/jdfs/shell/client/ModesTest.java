package io.jdfs.shell.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** chmod's MODE as chmod(1) reads it. */
class ModesTest {
    @Test
    void octalAndSymbolic() {
        assertThat(Modes.apply("644", 0777, false)).isEqualTo(0644);
        assertThat(Modes.apply("0750", 0, true)).isEqualTo(0750);
        assertThat(Modes.apply("u+x", 0644, false)).isEqualTo(0744);
        assertThat(Modes.apply("go-w", 0666, false)).isEqualTo(0644);
        assertThat(Modes.apply("a=r", 0777, false)).isEqualTo(0444);
        assertThat(Modes.apply("+x", 0644, false)).isEqualTo(0755);
        assertThat(Modes.apply("u=rw,go=", 0777, false)).isEqualTo(0600);
        assertThat(Modes.apply("a+X", 0644, false)).isEqualTo(0644); // X: not for a plain file without x
        assertThat(Modes.apply("a+X", 0644, true)).isEqualTo(0755); // but for a directory
        assertThat(Modes.apply("a+X", 0744, false)).isEqualTo(0755); // and an executable
    }

    @Test
    void nonsenseIsRefusedWithTheRule() {
        assertThatThrownBy(() -> Modes.apply("rwx", 0, false)).hasMessageContaining("invalid mode 'rwx'");
        assertThatThrownBy(() -> Modes.apply("u+q", 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Modes.apply("888", 0, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
