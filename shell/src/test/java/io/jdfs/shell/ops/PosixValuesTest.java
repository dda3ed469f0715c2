package io.jdfs.shell.ops;

import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.FileType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The values the new commands read and print: truncate's sizes, xattr encodings, owner names, ls modes. */
class PosixValuesTest {
    @Test
    void sizesAsCoreutilsTruncateReadsThem() {
        assertThat(SizeChange.parse("10m").apply(5)).isEqualTo(10L << 20);
        assertThat(SizeChange.parse("1KB").apply(0)).isEqualTo(1000);
        assertThat(SizeChange.parse("2KiB").apply(0)).isEqualTo(2048);
        assertThat(SizeChange.parse("7").apply(100)).isEqualTo(7);
        assertThat(SizeChange.parse("+1k").apply(100)).isEqualTo(1124);
        assertThat(SizeChange.parse("-1k").apply(100)).isZero(); // never below zero
        assertThat(SizeChange.parse("<50").apply(100)).isEqualTo(50);
        assertThat(SizeChange.parse("<500").apply(100)).isEqualTo(100);
        assertThat(SizeChange.parse(">500").apply(100)).isEqualTo(500);
        assertThat(SizeChange.parse("/64").apply(100)).isEqualTo(64);
        assertThat(SizeChange.parse("%64").apply(100)).isEqualTo(128);
        assertThat(SizeChange.parse("%64").apply(128)).isEqualTo(128);
        assertThatThrownBy(() -> SizeChange.parse("12x")).hasMessageStartingWith("invalid size '12x'");
        assertThatThrownBy(() -> SizeChange.parse("%0")).hasMessageContaining("division by zero");
        assertThatThrownBy(() -> SizeChange.parse("99999E")).hasMessageContaining("too large");
    }

    @Test
    void xattrValuesAsGetfattrWritesThem() {
        assertThat(XattrValues.parse("0x00ff")).containsExactly(0, 0xff);
        assertThat(XattrValues.parse("0saGk=")).isEqualTo(bytes("hi"));
        assertThat(XattrValues.parse("\"quoted\"")).isEqualTo(bytes("quoted"));
        assertThat(XattrValues.parse("plain text")).isEqualTo(bytes("plain text"));
        assertThatThrownBy(() -> XattrValues.parse("0xzz")).hasMessageStartingWith("invalid value '0xzz'");
        assertThat(XattrValues.format(bytes("été"), XattrValues.Encoding.auto, true)).isEqualTo("\"été\"");
        assertThat(XattrValues.format(bytes("a\"b"), XattrValues.Encoding.auto, true)).isEqualTo("\"a\\\"b\"");
        assertThat(XattrValues.format(new byte[]{0, 1}, XattrValues.Encoding.auto, true)).isEqualTo("0sAAE=");
        assertThat(XattrValues.format(bytes("hi"), XattrValues.Encoding.hex, true)).isEqualTo("0x6869");
        assertThat(XattrValues.format(bytes("hi"), XattrValues.Encoding.base64, false)).isEqualTo("0saGk=");
        assertThat(XattrValues.format(bytes("line\n"), XattrValues.Encoding.auto, false)).isEqualTo("0sbGluZQo=");
    }

    @Test
    void ownerNamesComeFromTheTablesAndNumbersOtherwise(@TempDir Path dir) throws Exception {
        Path passwd = Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n"
                + "alice:x:1000:1000::/home/alice:/bin/sh\nalias:x:1000:1000::/:/bin/sh\nbroken line\n");
        Path group = Files.writeString(dir.resolve("group"), "root:x:0:\nstaff:x:50:alice\n");
        OwnerNames names = new OwnerNames(passwd, group, false);
        assertThat(names.user(0)).isEqualTo("root");
        assertThat(names.user(1000)).isEqualTo("alice"); // the first entry, as getpwuid
        assertThat(names.user(4242)).isEqualTo("4242");
        assertThat(names.group(50)).isEqualTo("staff");
        assertThat(names.group(1000)).isEqualTo("1000");
        Files.delete(passwd);
        assertThat(names.user(1000)).as("read once, then cached").isEqualTo("alice");
        assertThat(new OwnerNames(dir.resolve("none"), dir.resolve("none"), false).user(0)).isEqualTo("0");
    }

    @Test
    void modesShowTypesAndSpecialBitsAsLs() {
        assertThat(Format.mode(status(FileType.FILE, 0644))).isEqualTo("-rw-r--r--");
        assertThat(Format.mode(status(FileType.SYMLINK, 0777))).isEqualTo("lrwxrwxrwx");
        assertThat(Format.mode(status(FileType.DIRECTORY, 01777))).isEqualTo("drwxrwxrwt");
        assertThat(Format.mode(status(FileType.FILE, 04755))).isEqualTo("-rwsr-xr-x");
        assertThat(Format.mode(status(FileType.DIRECTORY, 02750))).isEqualTo("drwxr-s---");
        assertThat(Format.mode(status(FileType.FILE, 06644))).isEqualTo("-rwSr-Sr--");
        assertThat(Format.mode(status(FileType.FIFO, 0600))).isEqualTo("prw-------");
        assertThat(Format.mode(status(FileType.DIRECTORY, 01770))).isEqualTo("drwxrwx--T");
    }

    private static FileStatus status(FileType type, int mode) {
        return new FileStatus("/x", 1, type, 0, 1, 1, mode, 0, 0, 0, 0, 0, 1, true);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
