// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.pacer.BreathPacer;
import dev.backbeat.core.pacer.PacerCue;
import dev.backbeat.core.rhythm.BreathEstimator;
import dev.backbeat.core.rhythm.BreathSettings;
import dev.backbeat.core.rhythm.BreathWindow;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.rhythm.RhythmAnalyzer;
import dev.backbeat.core.rhythm.RhythmDetector;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SampleGap;
import dev.backbeat.core.session.SensorTrack;
import dev.backbeat.core.session.SessionSummary;
import dev.backbeat.core.spine.NeutralCalibration;
import dev.backbeat.core.spine.SpinalAngleEstimator;
import dev.backbeat.core.spine.SpinalAngles;
import dev.backbeat.hardware.actuator.HapticActuator;
import dev.backbeat.hardware.strap.StrapSampleSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The device's streaming core for one session: every strap sample goes through here in time
 * order. It records the raw samples, estimates the spinal angles, counts repetitions, and drives
 * the haptic breath pacer with each upper-sensor sample.
 */
final class SessionPipeline implements StrapSampleSink {

    private final DeviceSettings settings;
    private final HapticActuator actuator;
    private final SpinalAngleEstimator angles;
    private final RhythmDetector rhythm;
    private final AngleHistory history = new AngleHistory();
    private final BreathPacer pacer;
    private final Map<SensorPosition, SensorTrack.Builder> tracks = new EnumMap<>(SensorPosition.class);
    private final List<PacerCue> cues = new ArrayList<>();
    private final List<SampleGap> gaps = new ArrayList<>();
    private final Instant startedAt;
    private final String sessionId;
    private double lastTimeSeconds;
    private double flexionMinDegrees = Double.NaN;
    private double flexionMaxDegrees = Double.NaN;
    private double lastIntensity = -1;
    private PacerCue lastCue;
    private double alertUntilSeconds = Double.NEGATIVE_INFINITY;
    private int endRangeWarnings;
    private boolean standFed;

    SessionPipeline(DeviceSettings settings, List<SensorPosition> sensors, double sampleRateHz,
                    HapticActuator actuator, Instant startedAt, String sessionId) {
        this.settings = settings;
        this.actuator = actuator;
        this.angles = new SpinalAngleEstimator(settings.spinalAngles(), sampleRateHz);
        this.rhythm = new RhythmDetector(settings.rhythm(), sampleRateHz);
        this.pacer = new BreathPacer(settings.pacer());
        this.startedAt = startedAt;
        this.sessionId = sessionId;
        for (SensorPosition sensor : sensors) {
            tracks.put(sensor, new SensorTrack.Builder(sensor));
        }
    }

    @Override
    public void accept(SensorPosition sensor, ImuSample sample) {
        SensorTrack.Builder track = tracks.get(sensor);
        if (track == null) {
            throw new IllegalArgumentException("sample from sensor " + sensor.label() + " which this strap does not have");
        }
        track.add(sample);
        lastTimeSeconds = Math.max(lastTimeSeconds, sample.timeSeconds());
        SpinalAngles spinal = angles.update(sensor, sample);
        if (spinal != null && !standFed) {
            // the stand's own angles, known only now that it has calibrated the strap: the rhythm
            // sees the opening stand as the host's analysis does
            for (double[] stand : angles.takeStandAngles()) {
                if (stand[0] < sample.timeSeconds()) {
                    rhythm.update(stand[0], stand[1], stand[2], stand[3], stand[4]);
                    history.add(stand[0], stand[1], stand[2], stand[3]);
                }
            }
            standFed = true;
        }
        if (spinal != null) {
            double flexion = spinal.flexionDegrees();
            rhythm.update(sample.timeSeconds(), flexion, spinal.sideBendDegrees(), spinal.twistDegrees(),
                    angles.pelvisInclinationDegrees());
            history.add(sample.timeSeconds(), flexion, spinal.sideBendDegrees(), spinal.twistDegrees());
            flexionMinDegrees = Double.isNaN(flexionMinDegrees) ? flexion : Math.min(flexionMinDegrees, flexion);
            flexionMaxDegrees = Double.isNaN(flexionMaxDegrees) ? flexion : Math.max(flexionMaxDegrees, flexion);
            if (rhythm.endRangeHoldLimitExceeded()) {
                // three short buzzes over the pacer: this hold at end range has lasted long enough
                alertUntilSeconds = sample.timeSeconds() + ALERT_SECONDS;
                endRangeWarnings++;
            }
        }
        if (sensor == SensorPosition.UPPER) {
            pace(sample.timeSeconds());
        }
    }

    @Override
    public void gap(SensorPosition sensor, double fromSeconds, double toSeconds) {
        gaps.add(new SampleGap(sensor, fromSeconds, toSeconds));
    }

    /** How long the end-range hold alert plays, s: three 0.1 s buzzes 0.1 s apart. */
    static final double ALERT_SECONDS = 0.5;

    private void pace(double timeSeconds) {
        double intensity = pacer.update(timeSeconds);
        if (timeSeconds < alertUntilSeconds) {
            double intoAlert = ALERT_SECONDS - (alertUntilSeconds - timeSeconds);
            intensity = ((int) Math.floor(intoAlert / 0.1)) % 2 == 0 ? 1.0 : 0.0;
        }
        if (pacer.lastCue() != lastCue) {
            lastCue = pacer.lastCue();
            cues.add(lastCue);
        }
        // a change the wearer could feel, or the motor switching on or off
        if (Math.abs(intensity - lastIntensity) >= 0.02 || (intensity == 0) != (lastIntensity == 0)) {
            try {
                actuator.setIntensity(timeSeconds, intensity);
            } catch (IOException e) {
                throw new UncheckedIOException("the haptic actuator failed at " + timeSeconds + " s", e);
            }
            lastIntensity = intensity;
        }
    }

    /** The most recent spinal angles, or {@code null} while calibrating. */
    SpinalAngles latestAngles() {
        return angles.latest();
    }

    int repetitionCount() {
        return rhythm.repetitionCount();
    }

    /** How many times an end-range hold outlasted the limit and the motor warned. */
    int endRangeWarnings() {
        return endRangeWarnings;
    }

    double lastTimeSeconds() {
        return lastTimeSeconds;
    }

    /**
     * Ends the session. The streaming detector's repetitions and holds are final; with the whole
     * session at hand, partial repetitions are judged against their full set and the breathing rate
     * is estimated over the quiet stretches, as the host's analysis does.
     */
    RecordedSession finish(String hardware, double sampleRateHz) {
        rhythm.finish();
        List<Repetition> repetitions = rhythm.repetitions();
        List<BreathWindow> breath = new BreathEstimator(BreathSettings.DEFAULTS)
                .estimate(history.times(), history.angles(), rhythm.holds());
        int fullRepetitions = (int) repetitions.stream().filter(repetition -> !repetition.partial()).count();
        NeutralCalibration calibration = angles.calibration();
        SessionSummary summary = new SessionSummary(
                lastTimeSeconds,
                fullRepetitions,
                flexionMinDegrees,
                flexionMaxDegrees,
                settings.pacer().breathsPerMinute(),
                pacer.inhaleCueCount(),
                calibration == null ? Double.NaN : calibration.startSeconds(),
                calibration == null ? Double.NaN : calibration.endSeconds());
        List<SensorTrack> builtTracks = tracks.values().stream().map(SensorTrack.Builder::build).toList();
        return new RecordedSession(settings.deviceId(), sessionId, startedAt, hardware, sampleRateHz, builtTracks,
                cues, repetitions, summary, gaps, rhythm.holds(), breath, RhythmAnalyzer.tempo(repetitions, rhythm.gapsSeconds()));
    }

    /** The spinal angles of the session so far, for the breathing estimate at its end (a few MB for an hour). */
    private static final class AngleHistory {
        private double[] times = new double[4096];
        private final double[][] values = {new double[4096], new double[4096], new double[4096]};
        private int count;

        void add(double timeSeconds, double flexion, double sideBend, double twist) {
            if (count == times.length) {
                times = java.util.Arrays.copyOf(times, 2 * count);
                for (int angle = 0; angle < 3; angle++) {
                    values[angle] = java.util.Arrays.copyOf(values[angle], 2 * count);
                }
            }
            times[count] = timeSeconds;
            values[0][count] = flexion;
            values[1][count] = sideBend;
            values[2][count] = twist;
            count++;
        }

        double[] times() {
            return java.util.Arrays.copyOf(times, count);
        }

        double[][] angles() {
            return new double[][] {java.util.Arrays.copyOf(values[0], count), java.util.Arrays.copyOf(values[1], count),
                java.util.Arrays.copyOf(values[2], count)};
        }
    }
}
