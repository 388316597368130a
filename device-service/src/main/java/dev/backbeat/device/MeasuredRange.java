// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The wearer's range of spinal movement as the strap measured it, kept in its data directory
 * ({@value #FILE_NAME}): the largest extension and flexion of each of the last {@value #SESSIONS}
 * sessions that calibrated and lasted at least {@value #MINIMUM_SESSION_SECONDS} s. The measured
 * range is the largest of them: a profile's limit given as a share of it ({@code extension-limit
 * 80%}) is resolved against it before a guided session, which records the limit it used. Until a
 * session has measured a range, such a limit is the guards' default (25°).
 *
 * <p>The file is text, one session a line ({@code session EXTENSION FLEXION}, degrees), replaced as
 * the strap's other small files are ({@link dev.backbeat.mqtt.DurableFile}). Reading never throws on its content: a file that does not
 * read (damaged, from a newer version) counts as no range measured, and is replaced at the next
 * session's end.
 */
final class MeasuredRange {

    /** The file in the data directory. */
    static final String FILE_NAME = "measured-range";
    /** Sessions remembered. */
    static final int SESSIONS = 10;
    /** A session shorter than this, s, says nothing of the range (it was stopped at once). Default 30 s. */
    static final double MINIMUM_SESSION_SECONDS = 30;
    private static final String HEADER = "backbeat-measured-range 1";

    /** One session's largest extension and flexion, degrees from neutral (positive). */
    record Session(double extensionDegrees, double flexionDegrees) {
    }

    private final List<Session> sessions;

    private MeasuredRange(List<Session> sessions) {
        this.sessions = List.copyOf(sessions);
    }

    /** What {@code dataDirectory} holds; none when the file is missing or does not read. */
    static MeasuredRange read(Path dataDirectory) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDirectory.resolve(FILE_NAME), StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return new MeasuredRange(List.of());
        } catch (IOException | RuntimeException unreadable) {
            return new MeasuredRange(List.of());
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            return new MeasuredRange(List.of());
        }
        List<Session> sessions = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length != 3 || !fields[0].equals("session")) {
                return new MeasuredRange(List.of());
            }
            try {
                double extension = Double.parseDouble(fields[1]);
                double flexion = Double.parseDouble(fields[2]);
                if (!(extension >= 0 && extension <= 90 && flexion >= 0 && flexion <= 120)) {
                    return new MeasuredRange(List.of());
                }
                sessions.add(new Session(extension, flexion));
            } catch (NumberFormatException notANumber) {
                return new MeasuredRange(List.of());
            }
        }
        return new MeasuredRange(sessions.subList(Math.max(0, sessions.size() - SESSIONS), sessions.size()));
    }

    /** The largest extension measured, degrees; NaN before any session measured one. */
    double extensionDegrees() {
        return sessions.stream().mapToDouble(Session::extensionDegrees).max().orElse(Double.NaN);
    }

    /** The largest flexion measured, degrees; NaN before any session measured one. */
    double flexionDegrees() {
        return sessions.stream().mapToDouble(Session::flexionDegrees).max().orElse(Double.NaN);
    }

    /**
     * With the session that ended: its flexion range ({@code flexionMinDegrees} negative for
     * extension); unchanged when it did not calibrate or was too short.
     */
    MeasuredRange with(double durationSeconds, double neutralStartSeconds, double flexionMinDegrees, double flexionMaxDegrees) {
        if (!(durationSeconds >= MINIMUM_SESSION_SECONDS) || Double.isNaN(neutralStartSeconds)
                || Double.isNaN(flexionMinDegrees) || Double.isNaN(flexionMaxDegrees)) {
            return this;
        }
        List<Session> next = new ArrayList<>(sessions);
        next.add(new Session(Math.min(90, Math.max(0, -flexionMinDegrees)), Math.min(120, Math.max(0, flexionMaxDegrees))));
        return new MeasuredRange(next.subList(Math.max(0, next.size() - SESSIONS), next.size()));
    }

    /** Writes it into {@code dataDirectory}, replacing the file in one step. */
    void write(Path dataDirectory) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Session session : sessions) {
            text.append(String.format(Locale.ROOT, "session %.2f %.2f%n", session.extensionDegrees(), session.flexionDegrees()));
        }
        dev.backbeat.mqtt.DurableFile.replace(dataDirectory.resolve(FILE_NAME), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    int sessionCount() {
        return sessions.size();
    }
}
