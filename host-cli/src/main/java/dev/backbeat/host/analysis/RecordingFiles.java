// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.analysis;

import dev.backbeat.core.recording.RawRecording;
import dev.backbeat.core.recording.RawRecordingReader;
import dev.backbeat.core.recording.RecordingFormatException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/** Reading and writing recording files; a name ending in {@code .gz} is gzip. */
public final class RecordingFiles {

    private RecordingFiles() {
    }

    /** Reads a raw recording; every problem is a {@link RecordingFormatException} naming the file (and line). */
    public static RawRecording read(Path file) throws RecordingFormatException {
        return read(file, bytesRead -> { });
    }

    /**
     * As {@link #read(Path)}, telling {@code bytesRead} how many bytes of the file (compressed, for
     * a .gz) it has read so far, as it goes (for a progress bar).
     */
    public static RawRecording read(Path file, java.util.function.LongConsumer bytesRead) throws RecordingFormatException {
        try (InputStream raw = new CountingInputStream(Files.newInputStream(file), bytesRead);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
            return RawRecordingReader.read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new RecordingFormatException(file.toString(), 0, "no such file");
        } catch (ZipException e) {
            throw new RecordingFormatException(file.toString(), 0, "not a valid gzip file: " + e.getMessage());
        } catch (IOException e) {
            throw new RecordingFormatException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
    }

    /** Something that writes text into a file. */
    @FunctionalInterface
    public interface TextContent {
        void writeTo(Writer out) throws IOException;
    }

    /**
     * Writes {@code content} to {@code file} (gzip if the name ends in .gz) through a temporary file
     * renamed into place, so a failure never leaves half a file or destroys an existing one.
     */
    public static void write(Path file, TextContent content) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory != null && !Files.isDirectory(directory)) {
            throw new NoSuchFileException(file.toString(), null, "its directory does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw new FileSystemException(file.toString(), null, "is a directory (give a file name)");
        }
        Path temporary;
        try {
            temporary = Files.createTempFile(directory, "." + absolute.getFileName(), ".tmp");
        } catch (IOException e) {
            throw new FileSystemException(file.toString(), null, "cannot create a file in " + directory + " ("
                    + reason(e) + ")");
        }
        try {
            try (OutputStream raw = Files.newOutputStream(temporary);
                 OutputStream out = absolute.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
                 Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
                content.writeTo(writer);
            } catch (FileSystemException e) {
                throw new FileSystemException(file.toString(), null, reason(e));
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new FileSystemException(file.toString(), null, reason(e));
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * What went wrong, without the paths a {@link FileSystemException} carries (they may name the
     * temporary file, which the user never asked for).
     */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException fileSystem) {
            return fileSystem.getReason() != null ? fileSystem.getReason() : e.getClass().getSimpleName();
        }
        return String.valueOf(e.getMessage());
    }

    /** Tells a listener how many bytes went through, at most once per 64 KiB read. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private static final long REPORT_BYTES = 1 << 16;
        private final java.util.function.LongConsumer bytesRead;
        private long count;
        private long reported;

        CountingInputStream(InputStream in, java.util.function.LongConsumer bytesRead) {
            super(in);
            this.bytesRead = bytesRead;
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            if (value >= 0) {
                counted(1);
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                counted(read);
            }
            return read;
        }

        private void counted(long bytes) {
            count += bytes;
            if (count - reported >= REPORT_BYTES) {
                reported = count;
                bytesRead.accept(count);
            }
        }
    }
}
