// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.session;

import dev.backbeat.core.pacer.PacerCue;
import dev.backbeat.core.rhythm.BreathWindow;
import dev.backbeat.core.rhythm.Hold;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.rhythm.Tempo;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One recorded stretching session as the device publishes it and the host stores it: who and
 * when, the raw samples of each sensor (so it can be re-analysed when the algorithms improve), the
 * pacer cues, the repetitions and the summary.
 *
 * @param deviceId the strap's id, e.g. {@code strap-01}
 * @param sessionId unique per device, e.g. {@code 20261126T101500Z-3f9a}
 * @param startedAt wall-clock start
 * @param hardware what produced the samples, e.g. {@code sim} or {@code mpu6050}
 * @param sampleRateHz each sensor's output data rate, Hz
 * @param tracks one per sensor, upper first
 * @param pacerCues every inhale and exhale cue, in time order
 * @param repetitions the repetitions counted, in time order
 * @param summary the session's summary
 * @param gaps stretches where a sensor's samples were lost, in time order (usually none)
 * @param holds the holds found, in time order
 * @param breath breathing-rate windows where the rate could be told
 * @param tempo the tempo of the longest set of repetitions
 * @param guided what a guided routine adds (routine, steps, alerts, coupling); empty for a session
 *     without one
 */
public record RecordedSession(
        String deviceId,
        String sessionId,
        Instant startedAt,
        String hardware,
        double sampleRateHz,
        List<SensorTrack> tracks,
        List<PacerCue> pacerCues,
        List<Repetition> repetitions,
        SessionSummary summary,
        List<SampleGap> gaps,
        List<Hold> holds,
        List<BreathWindow> breath,
        Tempo tempo,
        java.util.Optional<GuidedSessionRecord> guided) {

    /** Ids are 1..64 characters of letters, digits, '.', '_' and '-' (they appear in MQTT topics and file names). */
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public RecordedSession {
        requireId(deviceId, "deviceId");
        requireId(sessionId, "sessionId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(summary, "summary");
        tracks = List.copyOf(tracks);
        pacerCues = List.copyOf(pacerCues);
        repetitions = List.copyOf(repetitions);
        gaps = List.copyOf(gaps);
        holds = List.copyOf(holds);
        breath = List.copyOf(breath);
        Objects.requireNonNull(tempo, "tempo");
        Objects.requireNonNull(guided, "guided");
    }

    /** A session without a guided routine's record. */
    public RecordedSession(String deviceId, String sessionId, Instant startedAt, String hardware, double sampleRateHz,
                           List<SensorTrack> tracks, List<PacerCue> pacerCues, List<Repetition> repetitions,
                           SessionSummary summary, List<SampleGap> gaps, List<Hold> holds, List<BreathWindow> breath,
                           Tempo tempo) {
        this(deviceId, sessionId, startedAt, hardware, sampleRateHz, tracks, pacerCues, repetitions, summary, gaps, holds,
                breath, tempo, java.util.Optional.empty());
    }

    /** A session without holds, breathing windows or tempo (e.g. from an older recording). */
    public RecordedSession(String deviceId, String sessionId, Instant startedAt, String hardware, double sampleRateHz,
                           List<SensorTrack> tracks, List<PacerCue> pacerCues, List<Repetition> repetitions,
                           SessionSummary summary, List<SampleGap> gaps) {
        this(deviceId, sessionId, startedAt, hardware, sampleRateHz, tracks, pacerCues, repetitions, summary, gaps,
                List.of(), List.of(), Tempo.NONE);
    }

    /** This session with other sensor tracks (none, for a summary without samples), everything else kept. */
    public RecordedSession withTracks(List<SensorTrack> newTracks) {
        return new RecordedSession(deviceId, sessionId, startedAt, hardware, sampleRateHz, newTracks, pacerCues,
                repetitions, summary, gaps, holds, breath, tempo, guided);
    }

    /** This session with a guided routine's record, everything else kept. */
    public RecordedSession withGuided(GuidedSessionRecord record) {
        return new RecordedSession(deviceId, sessionId, startedAt, hardware, sampleRateHz, tracks, pacerCues,
                repetitions, summary, gaps, holds, breath, tempo, java.util.Optional.of(record));
    }

    /** A session without sample gaps. */
    public RecordedSession(String deviceId, String sessionId, Instant startedAt, String hardware, double sampleRateHz,
                           List<SensorTrack> tracks, List<PacerCue> pacerCues, List<Repetition> repetitions,
                           SessionSummary summary) {
        this(deviceId, sessionId, startedAt, hardware, sampleRateHz, tracks, pacerCues, repetitions, summary, List.of());
    }

    /** Throws if {@code id} is not a valid device or session id. */
    public static String requireId(String id, String what) {
        if (id == null || !ID_PATTERN.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " must be 1..64 characters of A-Z a-z 0-9 . _ -, was '" + id + "'");
        }
        return id;
    }

    /** The samples of one sensor, if recorded. */
    public java.util.Optional<SensorTrack> track(dev.backbeat.core.imu.SensorPosition sensor) {
        return tracks.stream().filter(track -> track.sensor() == sensor).findFirst();
    }
}
