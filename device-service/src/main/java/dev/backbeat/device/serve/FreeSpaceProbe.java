// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How many bytes may still be written in a directory's file system (a test injects a small one). */
@FunctionalInterface
public interface FreeSpaceProbe {

    long usableBytes(Path directory) throws IOException;

    /** The file system's own answer ({@link java.nio.file.FileStore#getUsableSpace}: what this user may still write). */
    FreeSpaceProbe FILE_SYSTEM = directory -> Files.getFileStore(directory).getUsableSpace();
}
