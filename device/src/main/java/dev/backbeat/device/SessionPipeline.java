package dev.backbeat.device;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.pacer.BreathPacer;
import dev.backbeat.core.pacer.PacerCue;
import dev.backbeat.core.rhythm.RepetitionCounter;
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
    private final RepetitionCounter repetitions;
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

    SessionPipeline(DeviceSettings settings, List<SensorPosition> sensors, double sampleRateHz,
                    HapticActuator actuator, Instant startedAt, String sessionId) {
        this.settings = settings;
        this.actuator = actuator;
        this.angles = new SpinalAngleEstimator(settings.spinalAngles(), sampleRateHz);
        this.repetitions = new RepetitionCounter(settings.repetitions());
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
        if (spinal != null) {
            double flexion = spinal.flexionDegrees();
            repetitions.update(sample.timeSeconds(), flexion);
            flexionMinDegrees = Double.isNaN(flexionMinDegrees) ? flexion : Math.min(flexionMinDegrees, flexion);
            flexionMaxDegrees = Double.isNaN(flexionMaxDegrees) ? flexion : Math.max(flexionMaxDegrees, flexion);
        }
        if (sensor == SensorPosition.UPPER) {
            pace(sample.timeSeconds());
        }
    }

    @Override
    public void gap(SensorPosition sensor, double fromSeconds, double toSeconds) {
        gaps.add(new SampleGap(sensor, fromSeconds, toSeconds));
    }

    private void pace(double timeSeconds) {
        double intensity = pacer.update(timeSeconds);
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
        return repetitions.count();
    }

    double lastTimeSeconds() {
        return lastTimeSeconds;
    }

    RecordedSession finish(String hardware, double sampleRateHz) {
        repetitions.finish();
        NeutralCalibration calibration = angles.calibration();
        SessionSummary summary = new SessionSummary(
                lastTimeSeconds,
                repetitions.count(),
                flexionMinDegrees,
                flexionMaxDegrees,
                settings.pacer().breathsPerMinute(),
                pacer.inhaleCueCount(),
                calibration == null ? Double.NaN : calibration.startSeconds(),
                calibration == null ? Double.NaN : calibration.endSeconds());
        List<SensorTrack> builtTracks = tracks.values().stream().map(SensorTrack.Builder::build).toList();
        return new RecordedSession(settings.deviceId(), sessionId, startedAt, hardware, sampleRateHz, builtTracks,
                cues, repetitions.repetitions(), summary, gaps);
    }
}
