package dev.backbeat.device;

import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionCodec;
import dev.backbeat.core.spine.SpinalAngles;
import dev.backbeat.hardware.actuator.HapticActuator;
import dev.backbeat.device.config.DeviceConfiguration;
import dev.backbeat.hardware.sim.Routine;
import dev.backbeat.hardware.strap.Strap;
import dev.backbeat.mqtt.SessionPublisher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The device service: runs one guided session on a strap (sampling, core pipeline, haptic pacer),
 * records it to the device's disk, and publishes it to the host.
 */
public final class DeviceService {

    /** Seconds of session time between progress lines. */
    static final double PROGRESS_INTERVAL_SECONDS = 10.0;
    private static final DateTimeFormatter SESSION_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final DeviceSettings settings;
    private final Consumer<String> progress;

    /** @param progress receives one human-readable line every ten seconds of session time */
    public DeviceService(DeviceSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public DeviceSettings settings() {
        return settings;
    }

    /** A recorded session and where it was saved. */
    public record Recording(RecordedSession session, byte[] payload, Path file) {
    }

    /**
     * Runs the guided cat-cow routine on the simulated strap: the configured chips simulated at
     * register level behind the real drivers, a simulated wearer, a simulated DRV2605L; records the
     * session to the outbox.
     */
    public Recording runSimulatedSession(DeviceConfiguration configuration, SimulationOptions options)
            throws IOException, InterruptedException {
        Routine routine = Routine.catCow(options.catCowCycles());
        try (StrapHardware hardware = StrapHardware.simulated(configuration, routine, options)) {
            return runSession(hardware, routine.durationSeconds());
        }
    }

    /**
     * Runs the guided cat-cow routine ({@code catCowCycles} cycles after a 5 s neutral stand) on the
     * real strap of a Raspberry Pi, after the start-up diagnostics pass.
     */
    public Recording runSessionOnRaspberryPi(DeviceConfiguration configuration, int catCowCycles)
            throws IOException, InterruptedException, HardwareUnavailableException {
        Routine routine = Routine.catCow(catCowCycles);
        try (StrapHardware hardware = StrapHardware.raspberryPi(configuration)) {
            return runSession(hardware, routine.durationSeconds());
        }
    }

    /** Runs a session of {@code durationSeconds} on assembled hardware. */
    Recording runSession(StrapHardware hardware, double durationSeconds) throws IOException, InterruptedException {
        return runSession(hardware.strap(), hardware.pacing(), hardware.actuator(), durationSeconds, hardware.label());
    }

    /** Runs a session of {@code durationSeconds} on any strap and records it to the outbox. */
    Recording runSession(Strap strap, Pacing pacing, HapticActuator actuator, double durationSeconds, String hardware)
            throws IOException, InterruptedException {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS); // the wire format keeps milliseconds
        String sessionId = newSessionId(startedAt);
        SessionPipeline pipeline = new SessionPipeline(settings, strap.sensors(), strap.sampleRateHz(), actuator,
                startedAt, sessionId);
        progress.accept(String.format(Locale.ROOT, "session %s: %.0f s on the %s strap, sensors %s, %.0f Hz; stand still and upright",
                sessionId, durationSeconds, hardware, strap.sensors().stream().map(s -> s.label()).toList(),
                strap.sampleRateHz()));
        double nextProgressSeconds = PROGRESS_INTERVAL_SECONDS;
        while (pacing.elapsedSeconds() < durationSeconds) {
            pacing.awaitNextPoll(durationSeconds);
            strap.drainTo(pipeline);
            if (pacing.elapsedSeconds() >= nextProgressSeconds) {
                reportProgress(pipeline, durationSeconds);
                nextProgressSeconds += PROGRESS_INTERVAL_SECONDS;
            }
        }
        actuator.setIntensity(pipeline.lastTimeSeconds(), 0);
        RecordedSession session = pipeline.finish(hardware, strap.sampleRateHz());
        byte[] payload = SessionCodec.encode(session);
        Path file = new SessionRecorder(settings.dataDirectory()).save(session, payload);
        progress.accept(String.format(Locale.ROOT, "session %s recorded: %d repetitions, %d paced breaths, saved to %s",
                sessionId, session.summary().repetitionCount(), session.summary().pacerInhaleCues(), file));
        return new Recording(session, payload, file);
    }

    /**
     * Publishes a recording (QoS 1, retained) and, once the broker acknowledged it, moves its file
     * from the outbox to {@code sent}.
     */
    public Path publish(Recording recording, SessionPublisher publisher) throws IOException {
        RecordedSession session = recording.session();
        publisher.publish(session.deviceId(), session.sessionId(), recording.payload());
        Path sent = new SessionRecorder(settings.dataDirectory()).markSent(session.sessionId());
        progress.accept("session " + session.sessionId() + " published (" + recording.payload().length + " bytes)");
        return sent;
    }

    private void reportProgress(SessionPipeline pipeline, double durationSeconds) {
        SpinalAngles angles = pipeline.latestAngles();
        String flexion = angles == null ? "calibrating" : String.format(Locale.ROOT, "flexion %+5.1f°", angles.flexionDegrees());
        progress.accept(String.format(Locale.ROOT, "  %4.0f / %.0f s  %s  repetitions %d",
                pipeline.lastTimeSeconds(), durationSeconds, flexion, pipeline.repetitionCount()));
    }

    static String newSessionId(Instant startedAt) {
        byte[] suffix = new byte[2];
        ThreadLocalRandom.current().nextBytes(suffix);
        return SESSION_ID_TIME.format(startedAt) + "-" + HexFormat.of().formatHex(suffix);
    }
}
