// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a small file so that a power cut leaves the old content or the new, never a torn one:
 * the new content goes to {@code <file>.tmp} (owner-only, 600), is forced to disk, and the
 * temporary file is renamed over the old one, and the rename is forced to disk with the directory.
 * Used by the strap for its small state files and by the host's broker for its retained messages.
 */
public final class DurableFile {

    private DurableFile() {
    }

    public static void replace(Path file, byte[] content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        OwnerOnlyFiles.createFile(temporary);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel directory = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            directory.force(true); // the rename itself
        } catch (IOException ignored) {
            // a file system that cannot sync a directory: the rename is as durable as it makes it
        }
    }
}
