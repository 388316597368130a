// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files and directories readable by their owner only, whatever the umask: the keys and
 * certificates of pairing, the host's store and the strap's outbox. Each is created with mode
 * 600 (a directory 700), so it is never wider for a moment (a umask can only narrow a mode), and
 * then set to exactly that mode (a umask such as 277 must not leave a key unwritable or a
 * directory unusable). An existing one is restricted to the same mode.
 *
 * <p>On a file system without POSIX permissions (FAT on a memory card, some network shares)
 * nothing can be restricted: the files are created anyway and one warning per path names it
 * (through {@link System.Logger}, to standard error by default), so the owner can protect it
 * otherwise.
 */
public final class OwnerOnlyFiles {

    /** rw------- */
    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    /** rwx------ */
    public static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");

    private static final System.Logger LOG = System.getLogger(OwnerOnlyFiles.class.getName());
    /** The paths already warned about (one warning each per process). */
    private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

    private OwnerOnlyFiles() {
    }

    /**
     * Creates {@code directory} and any missing parent, each owner-only (700); an existing
     * {@code directory} is restricted to 700, existing parents are left as they are.
     */
    public static void createDirectories(Path directory) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path path = directory.toAbsolutePath(); path != null && !Files.isDirectory(path); path = path.getParent()) {
            missing.push(path);
        }
        boolean posix = supportsPosix(missing.isEmpty() ? directory : missing.peek().getParent());
        for (Path path : missing) {
            try {
                if (posix) {
                    Files.createDirectory(path, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
                } else {
                    Files.createDirectory(path);
                }
            } catch (FileAlreadyExistsException raced) {
                if (!Files.isDirectory(path)) {
                    throw raced;
                }
            }
        }
        restrict(directory);
    }

    /** Creates an empty {@code file} (600) if it does not exist; an existing one is restricted to 600. */
    public static void createFile(Path file) throws IOException {
        try {
            if (supportsPosix(file.toAbsolutePath().getParent())) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE_MODE));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException exists) {
            // restricted below
        }
        restrict(file);
    }

    /**
     * Writes {@code text} (US-ASCII, e.g. PEM) to {@code file}, owner-only before any byte is
     * written; an existing file is replaced atomically.
     */
    public static void write(Path file, String text) throws IOException {
        ByteBuffer ascii = StandardCharsets.US_ASCII.newEncoder().encode(CharBuffer.wrap(text)); // throws on anything else
        byte[] bytes = new byte[ascii.remaining()];
        ascii.get(bytes);
        write(file, bytes);
    }

    /**
     * Writes {@code bytes} (a keystore, UTF-8 text) to {@code file}, owner-only before any byte is
     * written; an existing file is replaced atomically.
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        boolean posix = supportsPosix(file.toAbsolutePath().getParent());
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)} : new FileAttribute<?>[0];
        try {
            Files.createFile(temporary, attributes);
        } catch (FileAlreadyExistsException raced) {
            throw new IOException("another process is writing " + file, raced);
        }
        if (posix) {
            restrict(temporary);
        }
        Files.write(temporary, bytes, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (!posix) {
            warnNotRestricted(file);
        }
    }

    /**
     * Sets {@code path} to 600 (a directory to 700); warns instead on a file system without POSIX
     * permissions.
     */
    public static void restrict(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(path, Files.isDirectory(path) ? DIRECTORY_MODE : FILE_MODE);
        } catch (UnsupportedOperationException notPosix) {
            warnNotRestricted(path);
        }
    }

    private static boolean supportsPosix(Path existing) {
        Path probe = existing == null ? Path.of("").toAbsolutePath() : existing;
        try {
            return Files.getFileStore(probe).supportsFileAttributeView("posix");
        } catch (IOException unknown) {
            return probe.getFileSystem().supportedFileAttributeViews().contains("posix");
        }
    }

    private static void warnNotRestricted(Path path) {
        if (!WARNED.add(path.toAbsolutePath())) {
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "{0}: this file system has no POSIX permissions, so it cannot be made "
                + "readable by its owner only; keep it on a file system that has them, or protect it otherwise", path);
    }
}
