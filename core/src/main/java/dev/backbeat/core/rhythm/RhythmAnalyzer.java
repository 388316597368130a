package dev.backbeat.core.rhythm;

import java.util.ArrayList;
import java.util.List;

/**
 * The offline rhythm analysis of a whole recording: the streaming {@link RhythmDetector} over every
 * sample (the same repetitions and holds the device finds live), then the tempo of the longest
 * set, the breathing rate over the quiet stretches ({@link BreathEstimator}), and the end-range
 * holds that outlasted the limit (the device buzzes for these as they happen).
 */
public final class RhythmAnalyzer {

    private final RhythmSettings rhythmSettings;
    private final BreathSettings breathSettings;

    public RhythmAnalyzer(RhythmSettings rhythmSettings, BreathSettings breathSettings) {
        this.rhythmSettings = rhythmSettings;
        this.breathSettings = breathSettings;
    }

    /**
     * @param time sample times, s
     * @param flexion degrees per sample
     * @param sideBend degrees per sample
     * @param twist degrees per sample
     * @param sampleRateHz the samples' rate
     */
    public RhythmAnalysis analyze(double[] time, double[] flexion, double[] sideBend, double[] twist, double sampleRateHz) {
        return analyze(time, flexion, sideBend, twist, null, sampleRateHz);
    }

    /**
     * @param pelvisInclination the pelvis' inclination from vertical per sample, degrees (null if
     *     unknown): tells changes of posture from repetitions
     */
    public RhythmAnalysis analyze(double[] time, double[] flexion, double[] sideBend, double[] twist,
                                  double[] pelvisInclination, double sampleRateHz) {
        RhythmDetector detector = new RhythmDetector(rhythmSettings, sampleRateHz);
        for (int index = 0; index < time.length; index++) {
            detector.update(time[index], flexion[index], sideBend[index], twist[index],
                    pelvisInclination == null ? Double.NaN : pelvisInclination[index]);
        }
        detector.finish();
        List<Repetition> repetitions = detector.repetitions();
        List<BreathWindow> breath = new BreathEstimator(breathSettings)
                .estimate(time, new double[][] {flexion, sideBend, twist}, detector.holds());
        List<Hold> overLimit = detector.holds().stream()
                .filter(hold -> hold.distanceFromNeutralDegrees() > rhythmSettings.endRangeDegrees()
                        && hold.durationSeconds() > rhythmSettings.endRangeHoldLimitSeconds())
                .toList();
        return new RhythmAnalysis(repetitions, detector.holds(), breath, tempo(repetitions, detector.gapsSeconds()),
                overLimit);
    }

    /** The tempo of the longest set of full repetitions of one kind in {@code repetitions}. */
    public static Tempo tempo(List<Repetition> repetitions) {
        return tempo(repetitions, List.of());
    }

    /**
     * The tempo of the longest set of full repetitions of one kind; a period between two
     * repetitions with a gap in the samples between them ({@code [from, to]} seconds) is left out.
     */
    public static Tempo tempo(List<Repetition> repetitions, List<double[]> gapsSeconds) {
        int bestStart = -1;
        int bestCount = 0;
        int index = 0;
        while (index < repetitions.size()) {
            int end = index;
            while (end + 1 < repetitions.size() && repetitions.get(end + 1).kind() == repetitions.get(index).kind()) {
                end++;
            }
            int full = 0;
            for (int member = index; member <= end; member++) {
                full += repetitions.get(member).partial() ? 0 : 1;
            }
            if (full > bestCount) {
                bestCount = full;
                bestStart = index;
            }
            index = end + 1;
        }
        if (bestStart < 0) {
            return Tempo.NONE;
        }
        RepetitionKind kind = repetitions.get(bestStart).kind();
        List<Double> starts = new ArrayList<>();
        for (int member = bestStart; member < repetitions.size() && repetitions.get(member).kind() == kind; member++) {
            if (!repetitions.get(member).partial()) {
                starts.add(repetitions.get(member).startSeconds());
            }
        }
        if (starts.size() < 2) {
            return new Tempo(Double.NaN, Double.NaN, kind, starts.size());
        }
        List<Double> kept = new ArrayList<>();
        double sum = 0;
        for (int period = 0; period + 1 < starts.size(); period++) {
            double from = starts.get(period);
            double to = starts.get(period + 1);
            boolean acrossGap = false;
            for (double[] gap : gapsSeconds) {
                acrossGap |= gap[0] < to && gap[1] > from;
            }
            if (!acrossGap) {
                kept.add(to - from);
                sum += to - from;
            }
        }
        if (kept.isEmpty()) {
            return new Tempo(Double.NaN, Double.NaN, kind, starts.size());
        }
        double[] periods = kept.stream().mapToDouble(Double::doubleValue).toArray();
        double mean = sum / periods.length;
        double cv = Double.NaN;
        if (periods.length >= 2) {
            double squares = 0;
            for (double period : periods) {
                squares += (period - mean) * (period - mean);
            }
            cv = Math.sqrt(squares / (periods.length - 1)) / mean;
        }
        return new Tempo(mean, cv, kind, starts.size());
    }
}
