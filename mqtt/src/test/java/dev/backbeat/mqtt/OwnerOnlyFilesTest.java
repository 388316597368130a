// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {

    @TempDir
    Path directory;

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void createDirectories_missingParents_areEachOwnerOnly_existingOnesUntouched() throws IOException {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path leaf = directory.resolve("a").resolve("b").resolve("c");
        OwnerOnlyFiles.createDirectories(leaf);
        assertEquals("rwx------", mode(directory.resolve("a")));
        assertEquals("rwx------", mode(directory.resolve("a").resolve("b")));
        assertEquals("rwx------", mode(leaf));
        assertEquals("rwxr-xr-x", mode(directory), "a parent that existed is left as it was");
    }

    @Test
    void createDirectories_existingWideDirectory_isRestricted() throws IOException {
        Path existing = Files.createDirectory(directory.resolve("wide"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxrwxrwx"));
        OwnerOnlyFiles.createDirectories(existing);
        assertEquals("rwx------", mode(existing));
    }

    @Test
    void createFile_newOrExistingWide_isOwnerOnly_andKeepsItsContent() throws IOException {
        Path created = directory.resolve("new.db");
        OwnerOnlyFiles.createFile(created);
        assertEquals("rw-------", mode(created));
        Path existing = Files.writeString(directory.resolve("old.db"), "kept");
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-rw-rw-"));
        OwnerOnlyFiles.createFile(existing);
        assertEquals("rw-------", mode(existing));
        assertEquals("kept", Files.readString(existing));
    }

    @Test
    void write_replacesAtomically_ownerOnly_withoutLeavingTheTemporaryFile() throws IOException {
        Path file = directory.resolve("client.key");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        OwnerOnlyFiles.write(file, "new");
        assertEquals("new", Files.readString(file));
        assertEquals("rw-------", mode(file));
        assertEquals(List.of(file), Files.list(directory).toList());
    }

    @Test
    void onFileSystemWithoutPosixPermissions_filesAreCreated_andAWarningNamesThem() throws IOException {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(OwnerOnlyFiles.class.getName());
        logger.addHandler(handler);
        URI zip = URI.create("jar:" + directory.resolve("no-posix.zip").toUri());
        try (FileSystem noPosix = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            Path store = noPosix.getPath("/store/inner");
            OwnerOnlyFiles.createDirectories(store);
            OwnerOnlyFiles.createFile(store.resolve("backbeat.db"));
            OwnerOnlyFiles.write(store.resolve("client.key"), "text");
            assertTrue(Files.isDirectory(store));
            assertTrue(Files.exists(store.resolve("backbeat.db")));
            assertEquals("text", Files.readString(store.resolve("client.key")));
        } finally {
            logger.removeHandler(handler);
        }
        assertTrue(warnings.stream().anyMatch(line -> line.contains("/store/inner/client.key")
                && line.contains("no POSIX permissions")), warnings.toString());
    }
}
