// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.analysis;

import dev.backbeat.core.analysis.RecordingAnalysis;
import dev.backbeat.core.analysis.RecordingAnalyzer;
import dev.backbeat.core.recording.RawRecording;
import dev.backbeat.core.recording.RawRecordingReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads and analyses one recording in a fresh JVM and prints the milliseconds it took after start-up,
 * the reading alone, the repetition count, the processor time the process used in all (JVM start,
 * JIT compilation and every thread included), which other load on the machine does not inflate, and
 * the milliseconds from the JVM's start (as the JVM counts it) to the analysis done.
 */
public final class AnalyzeOnce {

    private AnalyzeOnce() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Path file = Path.of(args[0]);
        RawRecording recording;
        try (InputStream in = file.toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(file), 1 << 16) : Files.newInputStream(file)) {
            recording = RawRecordingReader.read(in, file.toString());
        }
        long read = System.nanoTime();
        RecordingAnalysis analysis = RecordingAnalyzer.withDefaults().analyze(recording);
        long analysed = System.nanoTime();
        long processorNanos = ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        java.lang.management.RuntimeMXBean runtime = java.lang.management.ManagementFactory.getRuntimeMXBean();
        long sinceJvmStartMillis = runtime.getUptime() - (System.nanoTime() - analysed) / 1_000_000;
        System.out.printf("%d %d %d %d %d%n", (analysed - start) / 1_000_000, (read - start) / 1_000_000,
                analysis.rhythm().repetitionCount(), processorNanos / 1_000_000, sinceJvmStartMillis);
    }
}
