// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.rhythm;

import dev.backbeat.bench.spine.SimulatedSessions;
import dev.backbeat.core.analysis.RecordingAnalysis;
import dev.backbeat.core.analysis.RecordingAnalyzer;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.recording.RawRecording;
import dev.backbeat.core.rhythm.BreathSettings;
import dev.backbeat.core.rhythm.BreathWindow;
import dev.backbeat.core.rhythm.Hold;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.rhythm.RhythmAnalysis;
import dev.backbeat.core.rhythm.RhythmSettings;
import dev.backbeat.core.spine.SpinalAnalysisSettings;
import dev.backbeat.hardware.sim.Posture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rhythm core against labelled simulated sessions, end to end from raw IMU samples through the
 * path {@code backbeat analyze} takes ({@link RecordingAnalyzer} on a {@link RawRecording} of the
 * simulated tracks, with the command's default settings), per session type over several seeds with
 * breathing drawn between 4 and 20 breaths/min: expected and counted full repetitions, hold
 * start/end error, breathing rate error and coverage. Sessions counted wrongly are listed with the
 * repetitions the analysis reported.
 *
 * <p>Run with {@code bench/rhythm-eval [SEEDS] [TYPE-FILTER]} (default 5 seeds, all types; the
 * filter keeps the types whose name contains it).
 */
public final class RhythmEvaluation {

    private RhythmEvaluation() {
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String filter = args.length > 1 ? args[1] : "";
        System.out.printf(Locale.ROOT, "Rhythm evaluation through RecordingAnalyzer (as backbeat analyze), %d seeds per type, "
                + "breathing 4-20 breaths/min%n", seeds);
        System.out.printf(Locale.ROOT, "%-38s %4s %-22s %6s %6s %7s %7s %9s %8s %7s %6s %6s%n", "session type", "Hz", "expected: counted",
                "exact", "max|e|", "holds", "≤0.5 s", "hold|e|max", "br MAE", "cover", "wins", "viol");
        List<String> wrong = new ArrayList<>();
        long hardExact = 0;
        long hardSets = 0;
        int hardWorst = 0;
        int originalWorst = 0;
        long exactSets = 0;
        long sets = 0;
        int worstCountError = 0;
        double breathAbsoluteSum = 0;
        long breathWindows = 0;
        double coveredSeconds = 0;
        double quietSeconds = 0;
        int violations = 0;
        long holdEdges = 0;
        long holdEdgesWithin = 0;
        for (Map.Entry<String, LabelledSessions.Labelled> type : LabelledSessions.allTypes().entrySet()) {
            if (!type.getKey().contains(filter)) {
                continue;
            }
            double rateHz = type.getValue().conditions().sampleRateHz();
            StringBuilder counts = new StringBuilder();
            int exact = 0;
            int typeWorst = 0;
            int matchedHolds = 0;
            int truthHolds = 0;
            int edgesWithin = 0;
            int edges = 0;
            double worstEdge = 0;
            double typeBreathSum = 0;
            int typeWindows = 0;
            double typeCovered = 0;
            double typeQuiet = 0;
            int typeViolations = 0;
            for (long seed = 1; seed <= seeds; seed++) {
                SimulatedSessions.Session session = generate(type.getKey(), type.getValue(), seed);
                RhythmAnalysis rhythm = analyze(session).rhythm();

                int countError = rhythm.repetitionCount() - type.getValue().fullRepetitions();
                exact += countError == 0 ? 1 : 0;
                typeWorst = Math.max(typeWorst, Math.abs(countError));
                counts.append(counts.isEmpty() ? "" : " ").append(rhythm.repetitionCount());
                if (countError != 0) {
                    dumpSession(session, type.getKey() + "-seed" + seed);
                    wrong.add(String.format(Locale.ROOT, "%s seed %d: counted %d of %d: %s", type.getKey(), seed,
                            rhythm.repetitionCount(), type.getValue().fullRepetitions(), describe(rhythm.repetitions())));
                }

                List<double[]> truth = LabelledSessions.holds(type.getValue().routine(), 3.0);
                truthHolds += truth.size();
                for (double[] hold : truth) {
                    Hold match = null;
                    for (Hold detected : rhythm.holds()) {
                        if (detected.startSeconds() < hold[1] && detected.endSeconds() > hold[0]) {
                            match = detected;
                            break;
                        }
                    }
                    if (match == null) {
                        continue;
                    }
                    matchedHolds++;
                    for (double error : new double[] {match.startSeconds() - hold[0], match.endSeconds() - hold[1]}) {
                        edges++;
                        edgesWithin += Math.abs(error) <= 0.5 ? 1 : 0;
                        worstEdge = Math.max(worstEdge, Math.abs(error));
                    }
                    typeQuiet += hold[1] - hold[0];
                    typeCovered += coveredSeconds(rhythm.breath(), hold[0], hold[1]);
                }
                for (BreathWindow window : rhythm.breath()) {
                    if (breathLocked(session, window)) {
                        // the truth rate is the movement's there, not the wearer's own rhythm: not scored
                        continue;
                    }
                    double truthRate = session.wearer().meanBreathsPerMinute(window.startSeconds(), window.endSeconds());
                    typeBreathSum += Math.abs(window.rateBreathsPerMinute() - truthRate);
                    typeWindows++;
                    if (truthRangeDegrees(session, window) > 10) {
                        typeViolations++;
                    }
                }
            }
            // holds missed entirely count as edges outside the tolerance
            int missedEdges = 2 * (truthHolds - matchedHolds);
            System.out.printf(Locale.ROOT, "%-38s %4.0f %-22s %5d%% %6d %3d/%-3d %6.0f%% %9.2f %8.2f %6.0f%% %6d %6d%n",
                    type.getKey(), rateHz, type.getValue().fullRepetitions() + ": " + counts,
                    100 * exact / seeds, typeWorst, matchedHolds, truthHolds,
                    edges + missedEdges == 0 ? 100.0 : 100.0 * edgesWithin / (edges + missedEdges), worstEdge,
                    typeWindows == 0 ? Double.NaN : typeBreathSum / typeWindows,
                    typeQuiet == 0 ? Double.NaN : 100 * typeCovered / typeQuiet, typeWindows, typeViolations);
            exactSets += exact;
            sets += seeds;
            if (LabelledSessions.hardTypes().containsKey(type.getKey())) {
                hardExact += exact;
                hardSets += seeds;
                hardWorst = Math.max(hardWorst, typeWorst);
            } else {
                originalWorst = Math.max(originalWorst, typeWorst);
            }
            worstCountError = Math.max(worstCountError, typeWorst);
            breathAbsoluteSum += typeBreathSum;
            breathWindows += typeWindows;
            coveredSeconds += typeCovered;
            quietSeconds += typeQuiet;
            violations += typeViolations;
            holdEdges += edges + missedEdges;
            holdEdgesWithin += edgesWithin;
        }
        System.out.printf(Locale.ROOT, "%nrepetition count exact in %.1f%% of sets (%d of %d; target ≥ 95%%), never off by more than %d (target 1)%n",
                100.0 * exactSets / sets, exactSets, sets, worstCountError);
        if (hardSets > 0) {
            System.out.printf(Locale.ROOT, "  original types: exact in %d of %d sets, worst error %d; hard types: exact in %d of %d sets, worst error %d%n",
                    exactSets - hardExact, sets - hardSets, originalWorst,
                    hardExact, hardSets, hardWorst);
        }
        System.out.printf(Locale.ROOT, "hold start/end within ±0.5 s: %.1f%% of edges (target all)%n", 100.0 * holdEdgesWithin / holdEdges);
        System.out.printf(Locale.ROOT, "breathing MAE %.2f breaths/min over %d windows (target ≤ 0.5); coverage of hold and stand time %.1f%% "
                + "(target ≥ 80%%); windows during repetitions > 10°: %d (target 0)%n",
                breathAbsoluteSum / breathWindows, breathWindows, 100 * coveredSeconds / quietSeconds, violations);
        if (!wrong.isEmpty()) {
            System.out.printf(Locale.ROOT, "%nsessions counted wrongly (full repetitions as kind@start-end s range°, partials in brackets):%n");
            wrong.forEach(line -> System.out.println("  " + line));
        }
    }

    /** One labelled session's simulated recording, drawn from {@code seed}, breathing 4–20 breaths/min. */
    public static SimulatedSessions.Session generate(String type, LabelledSessions.Labelled labelled, long seed) {
        return SimulatedSessions.generate(type, labelled.routine(), seed, labelled.conditions(), 4 + 16 * ((seed * 0.618034) % 1.0));
    }

    /**
     * With the system property {@code backbeat.dump} set to a directory, a session counted wrongly is
     * written there as {@code NAME.csv} in the interchange format, for {@code backbeat analyze}.
     */
    private static void dumpSession(SimulatedSessions.Session session, String name) {
        String directory = System.getProperty("backbeat.dump");
        if (directory == null) {
            return;
        }
        java.nio.file.Path file = java.nio.file.Path.of(directory, name + ".csv");
        try (java.io.Writer out = java.nio.file.Files.newBufferedWriter(file)) {
            dev.backbeat.core.recording.RawRecordingWriter.write(out, Map.of("session", name),
                    List.of(session.tracks().get(SensorPosition.UPPER), session.tracks().get(SensorPosition.LOWER)));
        } catch (java.io.IOException e) {
            System.err.println("cannot write " + file + ": " + e.getMessage());
        }
    }

    /**
     * The analysis {@code backbeat analyze} makes of the session: a raw recording of both sensors'
     * tracks (gaps found as the reader finds them) through {@link RecordingAnalyzer} with the
     * command's default settings (functional calibration on, end-range hold limit 30 s).
     */
    public static RecordingAnalysis analyze(SimulatedSessions.Session session) {
        RawRecording recording = new RawRecording(List.of(session.tracks().get(SensorPosition.UPPER),
                session.tracks().get(SensorPosition.LOWER)), Map.of(), false, List.of());
        RecordingAnalyzer analyzer = new RecordingAnalyzer(SpinalAnalysisSettings.DEFAULTS.withFunctionalCalibration(true),
                RhythmSettings.DEFAULTS.withEndRangeHoldLimitSeconds(30), BreathSettings.DEFAULTS);
        return analyzer.analyze(recording);
    }

    /** Kinds with counts, then each repetition as kind@start-end range, partial ones in brackets. */
    static String describe(List<Repetition> repetitions) {
        Map<String, Integer> kinds = new TreeMap<>();
        StringBuilder each = new StringBuilder();
        for (Repetition repetition : repetitions) {
            if (!repetition.partial()) {
                kinds.merge(repetition.kind().label(), 1, Integer::sum);
            }
            String text = String.format(Locale.ROOT, "%s@%.1f-%.1f %.0f°", repetition.kind().label(), repetition.startSeconds(),
                    repetition.endSeconds(), repetition.rangeDegrees());
            each.append(each.isEmpty() ? "" : ", ").append(repetition.partial() ? "[" + text + "]" : text);
        }
        return kinds + " — " + each;
    }

    /** Whether the wearer's breathing followed the movement anywhere in the window. */
    private static boolean breathLocked(SimulatedSessions.Session session, BreathWindow window) {
        for (double time = window.startSeconds(); time <= window.endSeconds(); time += 0.1) {
            if (session.wearer().routine().breathLockWeight(time) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Time within [from, to] covered by at least one window (windows may overlap), s. */
    private static double coveredSeconds(List<BreathWindow> windows, double from, double to) {
        double step = 0.01;
        double covered = 0;
        for (double time = from; time < to; time += step) {
            for (BreathWindow window : windows) {
                if (time >= window.startSeconds() && time < window.endSeconds()) {
                    covered += step;
                    break;
                }
            }
        }
        return Math.min(covered, to - from);
    }

    /** Range of the true spinal angles (breathing excluded) within the window, degrees. */
    private static double truthRangeDegrees(SimulatedSessions.Session session, BreathWindow window) {
        double[] minimum = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] maximum = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double time = window.startSeconds(); time <= window.endSeconds(); time += 0.05) {
            Posture posture = session.wearer().postureAt(time);
            double[] values = {posture.spineFlexionDegrees(), posture.spineSideBendDegrees(), posture.spineTwistDegrees()};
            for (int angle = 0; angle < 3; angle++) {
                minimum[angle] = Math.min(minimum[angle], values[angle]);
                maximum[angle] = Math.max(maximum[angle], values[angle]);
            }
        }
        double range = 0;
        for (int angle = 0; angle < 3; angle++) {
            range = Math.max(range, maximum[angle] - minimum[angle]);
        }
        return range;
    }
}
