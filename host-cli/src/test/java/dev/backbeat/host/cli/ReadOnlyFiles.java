// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes files and directories unwritable for this test, whoever runs it: mode 444/555, and for
 * root, whom modes do not stop, the immutable attribute ({@code chattr +i}). {@link #close}
 * restores them, so the temporary directory can be deleted.
 */
final class ReadOnlyFiles implements AutoCloseable {

    private final List<Path> protectedPaths = new ArrayList<>();
    private boolean immutable;

    /** Protects {@code paths} (directories after the files in them). */
    static ReadOnlyFiles protect(Path... paths) throws IOException, InterruptedException {
        ReadOnlyFiles files = new ReadOnlyFiles();
        for (Path path : paths) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "r-xr-xr-x" : "r--r--r--"));
            files.protectedPaths.add(path);
        }
        if (Files.isWritable(paths[0])) { // root: modes do not apply
            files.immutable = true;
            if (!files.chattr("+i")) {
                files.close();
                Assumptions.abort("running as root without chattr (e2fsprogs): cannot make a file read-only");
            }
        }
        return files;
    }

    private boolean chattr(String flag) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("chattr", flag));
        protectedPaths.forEach(path -> command.add(path.toString()));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException missing) {
            return false;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (immutable) {
            chattr("-i");
        }
        for (Path path : protectedPaths) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
        }
    }
}
