// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.analysis;

import dev.backbeat.bench.spine.SimulatedSessions;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.recording.RawRecordingWriter;
import dev.backbeat.hardware.sim.Routines;
import java.io.BufferedWriter;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How long analysing a 10-minute two-sensor session at 200 Hz takes after JVM start-up (target
 * &lt; 1 s): writes the recording once, then runs {@link AnalyzeOnce} in fresh JVMs (cold code, as
 * a user runs {@code backbeat analyze}) and prints the median of the in-process times.
 *
 * <p>Run with {@code bench/analyze-timing [RUNS]} (default 7), which passes the JVM options of
 * {@code backbeat analyze}; here {@code AnalyzeTiming RUNS [JVM OPTIONS...]}.
 */
public final class AnalyzeTiming {

    private AnalyzeTiming() {
    }

    /** Runs {@link AnalyzeOnce} in a fresh JVM; returns the fields it printed. */
    private static String[] analyseInFreshJvm(String java, List<String> jvmOptions, String classPath, Path file)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, AnalyzeOnce.class.getName(), file.toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String[] fields = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().split(" ");
        if (process.waitFor() != 0) {
            throw new IllegalStateException("analysis run failed");
        }
        return fields;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        List<String> jvmOptions = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        SimulatedSessions.Session session = SimulatedSessions.generate("mixed-10-min", Routines.mixedTenMinutes(), 1, 200);
        Path file = Files.createTempFile("backbeat-10min-200hz-", ".csv");
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            RawRecordingWriter.write(writer, Map.of("rate_hz", "200"),
                    List.of(session.tracks().get(SensorPosition.UPPER), session.tracks().get(SensorPosition.LOWER)));
        }
        System.out.printf(Locale.ROOT, "recording: %.0f s, %d + %d samples, %.1f MB%n",
                session.wearer().routine().durationSeconds(), session.tracks().get(SensorPosition.UPPER).sampleCount(),
                session.tracks().get(SensorPosition.LOWER).sampleCount(), Files.size(file) / 1e6);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        long[] totals = new long[runs];
        long[] reads = new long[runs];
        long[] processor = new long[runs];
        long[] sinceJvmStart = new long[runs];
        System.out.println("JVM options: " + (jvmOptions.isEmpty() ? "none" : String.join(" ", jvmOptions)));
        // the wall-clock times mean little when other work shares the processors: say how busy they were
        OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
        double loadBefore = system.getSystemLoadAverage();
        if (jvmOptions.stream().anyMatch(option -> option.startsWith("-XX:SharedArchiveFile="))) {
            // as a user's first run: it writes the class-data archive as it exits
            long started = System.nanoTime();
            String[] fields = analyseInFreshJvm(java, jvmOptions, classPath, file);
            System.out.printf(Locale.ROOT, "first run, writing the class-data archive (not counted): %s ms read + analyse,"
                    + " %.0f ms in all%n", fields[0], (System.nanoTime() - started) / 1e6);
        }
        for (int run = 0; run < runs; run++) {
            String[] fields = analyseInFreshJvm(java, jvmOptions, classPath, file);
            totals[run] = Long.parseLong(fields[0]);
            reads[run] = Long.parseLong(fields[1]);
            processor[run] = Long.parseLong(fields[3]);
            sinceJvmStart[run] = Long.parseLong(fields[4]);
        }
        double loadAfter = system.getSystemLoadAverage();
        Files.delete(file);
        long[] sortedTotals = totals.clone();
        long[] sortedReads = reads.clone();
        Arrays.sort(sortedTotals);
        Arrays.sort(sortedReads);
        System.out.printf(Locale.ROOT, "read + analyse after JVM start: median %d ms (min %d, max %d) over %d fresh JVMs; "
                + "reading the CSV alone: median %d ms; target < 1000 ms%n", sortedTotals[runs / 2], sortedTotals[0],
                sortedTotals[runs - 1], runs, sortedReads[runs / 2]);
        long[] sortedSinceStart = sinceJvmStart.clone();
        Arrays.sort(sortedSinceStart);
        System.out.printf(Locale.ROOT, "from the JVM's start (its own start-up included) to the analysis done: median %d ms "
                + "(min %d, max %d)%n", sortedSinceStart[runs / 2], sortedSinceStart[0], sortedSinceStart[runs - 1]);
        long[] sortedProcessor = processor.clone();
        Arrays.sort(sortedProcessor);
        System.out.printf(Locale.ROOT, "processor time of each JVM in all (start-up and JIT included): median %d ms "
                + "(min %d, max %d); load average %.1f before, %.1f after, on %d processors%n", sortedProcessor[runs / 2],
                sortedProcessor[0], sortedProcessor[runs - 1], loadBefore, loadAfter, system.getAvailableProcessors());
    }
}
