// SPDX-License-Identifier: Apache-2.0

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

    /** The tempo of the longest set of full repetitions in {@code repetitions}, with no gaps to leave out. */
    public static Tempo tempo(List<Repetition> repetitions) {
        return tempo(repetitions, List.of());
    }

    /**
     * The tempo of the longest set of full repetitions: consecutive ones of one axis (flexion and
     * extension, side bend, twist: both sides of a twist set count), split where a period is more
     * than {@value #SET_BREAK_FACTOR} times the axis' median period (a pause between two sets). A
     * period with a gap in the samples ({@code [from, to]} seconds) is left out.
     */
    public static Tempo tempo(List<Repetition> repetitions, List<double[]> gapsSeconds) {
        List<Repetition> full = repetitions.stream().filter(repetition -> !repetition.partial()).toList();
        List<Repetition> best = List.of();
        int index = 0;
        while (index < full.size()) {
            int end = index;
            while (end + 1 < full.size() && RhythmDetector.axisOf(full.get(end + 1).kind()) == RhythmDetector.axisOf(full.get(index).kind())) {
                end++;
            }
            List<Repetition> run = full.subList(index, end + 1);
            double median = medianPeriod(run);
            int setStart = 0;
            for (int member = 1; member <= run.size(); member++) {
                boolean breaks = member == run.size() || run.get(member).startSeconds() - run.get(member - 1).startSeconds()
                        > SET_BREAK_FACTOR * median;
                if (breaks) {
                    if (member - setStart > best.size()) {
                        best = run.subList(setStart, member);
                    }
                    setStart = member;
                }
            }
            index = end + 1;
        }
        if (best.isEmpty()) {
            return Tempo.NONE;
        }
        RepetitionKind kind = mostCommonKind(best);
        List<Double> kept = new ArrayList<>();
        double sum = 0;
        for (int period = 0; period + 1 < best.size(); period++) {
            double from = best.get(period).startSeconds();
            double to = best.get(period + 1).startSeconds();
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
            return new Tempo(Double.NaN, Double.NaN, kind, best.size());
        }
        double mean = sum / kept.size();
        double cv = Double.NaN;
        if (kept.size() >= 2) {
            double squares = 0;
            for (double period : kept) {
                squares += (period - mean) * (period - mean);
            }
            cv = Math.sqrt(squares / (kept.size() - 1)) / mean;
        }
        return new Tempo(mean, cv, kind, best.size());
    }

    /** A period this many times the median of its axis' run separates two sets. */
    static final double SET_BREAK_FACTOR = 2;

    private static double medianPeriod(List<Repetition> run) {
        if (run.size() < 2) {
            return Double.POSITIVE_INFINITY;
        }
        double[] periods = new double[run.size() - 1];
        for (int period = 0; period < periods.length; period++) {
            periods[period] = run.get(period + 1).startSeconds() - run.get(period).startSeconds();
        }
        java.util.Arrays.sort(periods);
        return periods[periods.length / 2];
    }

    private static RepetitionKind mostCommonKind(List<Repetition> set) {
        int[] counts = new int[RepetitionKind.values().length];
        for (Repetition repetition : set) {
            counts[repetition.kind().ordinal()]++;
        }
        RepetitionKind most = set.get(0).kind();
        for (RepetitionKind kind : RepetitionKind.values()) {
            if (counts[kind.ordinal()] > counts[most.ordinal()]) {
                most = kind;
            }
        }
        return most;
    }
}
