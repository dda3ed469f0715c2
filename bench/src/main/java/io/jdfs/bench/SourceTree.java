package io.jdfs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A tarball shaped like a source tree: nested directories of small text files of varied sizes. */
final class SourceTree {
    private SourceTree() {
    }

    static Path tarball(Path scratch, int files) throws Exception {
        Path root = Files.createDirectories(scratch.resolve("tree-src/project"));
        Random rnd = new Random(3);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < files; i++) {
            Path dir = Files.createDirectories(root.resolve("module" + i % 10).resolve("pkg" + i % 37));
            line.setLength(0);
            int size = 200 + rnd.nextInt(16_000);
            while (line.length() < size) {
                line.append("    int value").append(rnd.nextInt(1000)).append(" = ").append(rnd.nextInt()).append(";\n");
            }
            write(dir.resolve("File" + i + ".java"), line.toString());
        }
        Path tar = scratch.resolve("tree.tar");
        FuseSuite.sh("tar -cf " + tar + " -C " + root.getParent() + " project");
        return tar;
    }

    private static void write(Path p, String s) throws IOException {
        Files.writeString(p, s);
    }
}
