// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.analysis;

import dev.backbeat.bench.analysis.ExportMutations.ByteMutation;
import dev.backbeat.bench.analysis.ExportMutations.Named;
import dev.backbeat.bench.analysis.ExportMutations.Row;
import dev.backbeat.bench.analysis.ExportMutations.RowMutation;
import dev.backbeat.host.cli.BackbeatMain;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine;

/**
 * Issue 12's fuzz target for {@code backbeat analyze}: valid exports changed by {@link ExportMutations}
 * and run through the command line's own code path ({@link BackbeatMain#commandLine()}, in process,
 * with {@code --json} and {@code --angles}). A case passes when it exits 0 (analysed) or 6 (refused)
 * within {@value #SLOW_SECONDS} s; a refusal must be one printable line naming the file. Anything
 * else fails it: another exit code, an internal error or stack trace, an exception or error out of
 * the command, a refusal for want of memory, more time.
 *
 * <p>Memory: run the JVM with {@code -Xmx512m}, so a case that needs more runs out of memory and
 * fails (the command refuses with "too large to analyse", or the error escapes it). Each case also
 * reports the bytes allocated on the heap by all threads while it ran, an upper bound of what it
 * can have held at once.
 */
public final class AnalyzeFuzz {

    /** A case slower than this fails, s. */
    public static final double SLOW_SECONDS = 5;
    /** The longest slice of a source that is repeated 60 times, s (so 60× is at most 20 minutes). */
    static final double LONGER_SLICE_SECONDS = 20;
    static final int LONGER_REPEATS = 60;

    /** A valid export: its comment and header lines and its rows. */
    public record Source(String name, List<String> head, List<Row> rows) {

        public static Source read(Path file) throws IOException {
            try (InputStream raw = Files.newInputStream(file);
                 InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
                return of(file.getFileName().toString(), reader.lines().toList());
            }
        }

        public static Source of(String name, List<String> lines) {
            List<String> head = new ArrayList<>();
            List<Row> rows = new ArrayList<>();
            for (String line : lines) {
                if (rows.isEmpty() && (line.startsWith("#") || line.startsWith("time_s"))) {
                    head.add(line);
                } else if (!line.isBlank()) {
                    Row row = Row.parse(line);
                    rows.add(new Row(row.timeSeconds(), row.sensor().intern(), row.values()));
                }
            }
            return new Source(name, List.copyOf(head), List.copyOf(rows));
        }
    }

    /**
     * What one case did.
     *
     * @param mutation the mutations' names, e.g. {@code jump + noise}
     * @param description what was done, with the parameters
     * @param exitCode the command's exit code (-1 if it threw)
     * @param failure why the case failed, or null
     * @param refusalNamesLine a refusal whose message names a line ({@code file:LINE: ...})
     */
    public record Outcome(String mutation, String description, int exitCode, long nanos, long allocatedBytes,
                          String failure, boolean refusalNamesLine, String message) {

        public boolean failed() {
            return failure != null;
        }
    }

    private final Path directory;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Cases write their files into {@code directory}. */
    public AnalyzeFuzz(Path directory) {
        this.directory = directory;
    }

    /** One case: a slice of {@code source}, changed by one or two mutations, analysed. */
    public Outcome run(Source source, SplittableRandom random) throws IOException {
        List<Row> rows = slice(source.rows(), random);
        StringBuilder description = new StringBuilder(source.name()).append(": ");
        List<String> names = new ArrayList<>();
        int kind = random.nextInt(100);
        boolean gzip = random.nextInt(10) == 0;
        Path file = directory.resolve(gzip ? "case.csv.gz" : "case.csv");
        if (kind < 3) {
            names.add("60× longer");
            writeLonger(source.head(), rows, file, gzip, description);
        } else {
            ByteMutation byteMutation = null;
            if (kind < 55) {
                rows = apply(pick(ExportMutations.TIMING, random), rows, random, names, description);
            } else if (kind < 82) {
                rows = apply(pick(ExportMutations.CONTENT, random), rows, random, names, description);
            } else {
                Named<ByteMutation> named = pick(ExportMutations.BYTES, random);
                names.add(named.name());
                byteMutation = named.mutation();
            }
            if (random.nextInt(4) == 0) {
                description.append("; ");
                rows = apply(pick(random.nextBoolean() ? ExportMutations.TIMING : ExportMutations.CONTENT, random), rows,
                        random, names, description);
            }
            byte[] bytes = text(source.head(), rows);
            if (byteMutation != null) {
                if (names.size() > 1) {
                    description.append("; ");
                }
                bytes = byteMutation.apply(bytes, random, description);
            }
            write(file, bytes, gzip);
        }
        if (gzip) {
            description.append(" (gzip)");
        }
        return analyze(String.join(" + ", names), description.toString(), file);
    }

    /** Runs {@code backbeat analyze FILE --json --angles} as the command line does and judges the result. */
    Outcome analyze(String mutation, String description, Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = BackbeatMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        long allocatedBefore = threads.getTotalThreadAllocatedBytes();
        long start = System.nanoTime();
        int exitCode;
        String failure = null;
        try {
            exitCode = commandLine.execute("analyze", file.toString(), "--json", directory.resolve("out.json").toString(),
                    "--angles", directory.resolve("angles.csv").toString());
        } catch (Throwable e) {
            exitCode = -1;
            failure = "threw " + e;
        }
        long nanos = System.nanoTime() - start;
        long allocated = threads.getTotalThreadAllocatedBytes() - allocatedBefore;
        String message = err.toString().strip();
        boolean namesLine = false;
        if (failure == null) {
            if (message.contains("\tat ") || message.contains("internal error") || message.contains("Exception")
                    && !message.startsWith("backbeat analyze: " + file)) {
                failure = "internal error or stack trace";
            } else if (exitCode != 0 && exitCode != 6) {
                failure = "exit " + exitCode;
            } else if (message.contains("too large to analyse")) {
                failure = "out of memory";
            } else if (exitCode == 6 && (message.lines().count() != 1 || !message.startsWith("backbeat analyze: " + file + ":"))) {
                failure = "refusal not one line naming the file";
            } else if (!message.chars().allMatch(character -> character >= 0x20 && character != 0x7f
                    && !(character >= 0x80 && character < 0xa0) && character != 0xfffd || character == '\n')) {
                failure = "unprintable characters in the message";
            } else if (nanos > SLOW_SECONDS * 1e9) {
                failure = String.format(java.util.Locale.ROOT, "took %.1f s", nanos / 1e9);
            }
            namesLine = exitCode == 6 && LINE.matcher(message.substring(Math.min(message.length(),
                    ("backbeat analyze: " + file).length()))).lookingAt();
        }
        return new Outcome(mutation, description, exitCode, nanos, allocated, failure, namesLine,
                message.length() > 300 ? message.substring(0, 300) + "..." : message);
    }

    private static final Pattern LINE = Pattern.compile(":\\d+: ");

    private static List<Row> apply(Named<RowMutation> named, List<Row> rows, SplittableRandom random, List<String> names,
                                   StringBuilder description) {
        names.add(named.name());
        return named.mutation().apply(rows, random, description);
    }

    private static <T> T pick(List<T> list, SplittableRandom random) {
        return list.get(random.nextInt(list.size()));
    }

    /** A random stretch of 2 s, 10 s, 1 min or 3 min, or the whole source. */
    private static List<Row> slice(List<Row> rows, SplittableRandom random) {
        double[] lengths = {2, 10, 60, 180, Double.POSITIVE_INFINITY};
        double length = lengths[random.nextInt(lengths.length)];
        double first = rows.get(0).timeSeconds();
        double span = rows.get(rows.size() - 1).timeSeconds() - first;
        if (length >= span) {
            return rows;
        }
        double start = first + random.nextDouble() * (span - length);
        int from = lowerBound(rows, start);
        int to = lowerBound(rows, start + length);
        return rows.subList(from, Math.max(to, Math.min(rows.size(), from + 1)));
    }

    private static int lowerBound(List<Row> rows, double seconds) {
        int low = 0;
        int high = rows.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (rows.get(middle).timeSeconds() < seconds) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    static byte[] text(List<String> head, List<Row> rows) {
        StringBuilder text = new StringBuilder(64 * rows.size() + 256);
        head.forEach(line -> text.append(line).append('\n'));
        for (Row row : rows) {
            appendRow(text, row, 0);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendRow(StringBuilder text, Row row, double offsetSeconds) {
        text.append(row.timeSeconds() + offsetSeconds).append(',').append(row.sensor()).append(',').append(row.values()).append('\n');
    }

    private static void write(Path file, byte[] bytes, boolean gzip) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw) {
            out.write(bytes);
        }
    }

    /** The first {@value #LONGER_SLICE_SECONDS} s of {@code rows} repeated {@value #LONGER_REPEATS} times, one after another. */
    private static void writeLonger(List<String> head, List<Row> rows, Path file, boolean gzip, StringBuilder description)
            throws IOException {
        List<Row> piece = rows.subList(0, Math.max(1, lowerBound(rows, rows.get(0).timeSeconds() + LONGER_SLICE_SECONDS)));
        double span = piece.get(piece.size() - 1).timeSeconds() - piece.get(0).timeSeconds()
                + ExportMutations.medianPeriod(piece);
        description.append(String.format(java.util.Locale.ROOT, "%d rows (%.1f s) repeated %d times", piece.size(), span,
                LONGER_REPEATS));
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
             Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            for (String line : head) {
                writer.write(line + "\n");
            }
            StringBuilder text = new StringBuilder(1 << 16);
            for (int repeat = 0; repeat < LONGER_REPEATS; repeat++) {
                for (Row row : piece) {
                    appendRow(text, row, repeat * span);
                    if (text.length() > 60_000) {
                        writer.append(text);
                        text.setLength(0);
                    }
                }
            }
            writer.append(text);
        }
    }
}
