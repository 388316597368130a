// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.pacer.BreathPhase;
import dev.backbeat.core.pacer.PacerCue;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SampleGap;
import dev.backbeat.core.session.SensorTrack;
import dev.backbeat.hardware.actuator.HapticActuator;
import dev.backbeat.hardware.haptic.Drv2605l;
import dev.backbeat.hardware.haptic.Drv2605lActuator;
import dev.backbeat.hardware.haptic.Drv2605lSettings;
import dev.backbeat.hardware.imu.ImuChip;
import dev.backbeat.hardware.imu.ImuDriver;
import dev.backbeat.hardware.imu.ImuSettings;
import dev.backbeat.hardware.imu.Mpu6050;
import dev.backbeat.hardware.sim.Routine;
import dev.backbeat.hardware.sim.SensorErrorSettings;
import dev.backbeat.hardware.sim.SimulatedImuSignal;
import dev.backbeat.hardware.sim.SimulatedWearer;
import dev.backbeat.hardware.sim.WearerSettings;
import dev.backbeat.hardware.sim.chip.SimulatedDrv2605l;
import dev.backbeat.hardware.sim.chip.SimulatedMpu6050;
import dev.backbeat.hardware.strap.DriverStrap;
import dev.backbeat.hardware.time.SessionClock;
import dev.backbeat.hardware.time.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: "a sampling thread nothing stalls". The strap as on the Pi, in real time: the real
 * MPU-6050 drivers at 200 Hz (a FIFO of 0.42 s) on register-level simulated chips that sample on the
 * JVM's monotonic clock, polled by the service's real-time pacing; a simulated DRV2605L behind its
 * real driver, every write to it timed on the same clock; a real SQLite outbox whose chunk commit is
 * made to hang, as a slow SD card's fsync does.
 */
class StorageStallTest {

    /** How late a pacer cue may reach the motor, s. */
    static final double CUE_TOLERANCE_SECONDS = 0.010;

    @TempDir
    Path dataDirectory;

    @Test
    void runSession_storageStalledTwoSeconds_losesNoSampleAndNoCueIsLate() throws Exception {
        StalledRun run = runWithStall(3, 2.0, 30);

        assertTrue(run.stallSeconds >= 2.0, "the storage stalled " + run.stallSeconds + " s");
        assertEquals(0, run.recording.unstoredSamples());
        assertEquals(List.of(), run.session.gaps(), "no FIFO overflowed, nothing was left unstored");
        for (SensorPosition sensor : SensorPosition.values()) {
            assertEquals(0, run.overflows.get(sensor), sensor.label() + " FIFO overflows");
            assertEquals(run.produced.get(sensor), run.stored(sensor),
                    sensor.label() + ": every sample the chip produced (but the few still in its FIFO) is in the outbox");
        }
        assertCuesOnTime(run);
    }

    @Test
    void runSession_storageStalledLongerThanTheBacklog_recordsTheUnstoredStretchAsAGapAndKeepsEverythingSealed()
            throws Exception {
        StalledRun run = runWithStall(3, 5.0, 2);

        long unstored = run.recording.unstoredSamples();
        assertTrue(unstored > 2 * 200 * 2, unstored + " samples unstored: about the stall less the backlog of 2 s");
        List<SampleGap> gaps = run.session.gaps();
        assertEquals(2, gaps.size(), gaps.toString());
        long sealedSamples = 0;
        for (SensorPosition sensor : SensorPosition.values()) {
            SampleGap gap = gaps.stream().filter(each -> each.sensor() == sensor).findFirst().orElseThrow();
            assertTrue(gap.fromSeconds() > 4 && gap.toSeconds() < 12 && gap.durationSeconds() > 1, gap.toString());
            assertEquals(0, run.overflows.get(sensor), sensor.label() + " FIFO overflows: the sampling thread kept reading");
            sealedSamples += run.stored(sensor);
            // nothing stored inside the gap, and the samples on both sides of it are there
            SensorTrack track = run.samples.track(sensor).orElseThrow();
            for (int index = 0; index < track.sampleCount(); index++) {
                double time = track.timeSeconds(index);
                assertTrue(time < gap.fromSeconds() || time > gap.toSeconds(), "a stored sample at " + time + " in " + gap);
            }
        }
        long produced = run.produced.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(produced, sealedSamples + unstored, "every sample produced is either sealed or counted as unstored");
        assertTrue(run.lines.stream().anyMatch(line -> line.startsWith("storage is 2 s behind")), run.lines.toString());
        assertTrue(run.lines.stream().anyMatch(line -> line.startsWith("storage caught up")), run.lines.toString());
        assertCuesOnTime(run);
    }

    /** Every pacer cue after the first (given when the session's loop starts) reaches the motor within the tolerance. */
    private static void assertCuesOnTime(StalledRun run) {
        List<PacerCue> cues = run.session.pacerCues().stream().filter(cue -> cue.timeSeconds() > 0).toList();
        assertEquals(3, cues.size(), "cues at 5, 10 and 15 s: " + cues);
        double latest = Double.NEGATIVE_INFINITY;
        List<String> late = new ArrayList<>();
        for (PacerCue cue : cues) {
            double written = run.firstWriteFor(cue);
            double lateness = written - cue.timeSeconds();
            latest = Math.max(latest, lateness);
            if (!(lateness >= 0 && lateness <= CUE_TOLERANCE_SECONDS)) {
                late.add(String.format(Locale.ROOT, "%s at %.3f s written at %.4f s", cue.phase(), cue.timeSeconds(), written));
            }
        }
        assertTrue(late.isEmpty(), "cues off schedule by more than " + CUE_TOLERANCE_SECONDS * 1000 + " ms: " + late);
        System.out.printf(Locale.ROOT, "StorageStallTest: %d cues, latest %.2f ms after its time (collectors %s)%n",
                cues.size(), latest * 1000, java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(java.lang.management.GarbageCollectorMXBean::getName).toList());
    }

    /** A session of 15 s (a stand and one cat-cow cycle) whose chunk {@code stalledChunk} takes {@code stallSeconds} to commit. */
    private StalledRun runWithStall(int stalledChunk, double stallSeconds, int backlogChunks) throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        DeviceService service = new DeviceService(DeviceSettings.defaults(dataDirectory), lines::add);
        service.recoverInterrupted(); // as backbeat-device does before the strap starts: SQLite is loaded and the outbox made
        long originNanos = System.nanoTime();
        SessionClock clock = () -> (System.nanoTime() - originNanos) * 1e-9;
        Routine routine = Routine.catCow(1);
        SimulatedWearer wearer = new SimulatedWearer(WearerSettings.DEFAULTS, routine);
        ImuSettings imu = ImuSettings.DEFAULTS.withOutputDataRateHz(200);
        double rateHz = ImuChip.MPU_6050.outputDataRateHz(imu);
        Map<SensorPosition, AtomicLong> ticks = new EnumMap<>(SensorPosition.class);
        Map<SensorPosition, SimulatedMpu6050> chips = new EnumMap<>(SensorPosition.class);
        Map<SensorPosition, ImuDriver> drivers = new EnumMap<>(SensorPosition.class);
        for (SensorPosition sensor : SensorPosition.values()) {
            SimulatedImuSignal signal = new SimulatedImuSignal(wearer, sensor, SensorErrorSettings.DEFAULTS, rateHz, 1);
            AtomicLong count = new AtomicLong();
            ticks.put(sensor, count);
            SimulatedMpu6050 chip = new SimulatedMpu6050(ImuChip.MPU_6050.defaultAddress(sensor), time -> {
                count.incrementAndGet();
                return signal.sampleAt(time);
            }, clock);
            chips.put(sensor, chip);
            drivers.put(sensor, ImuChip.MPU_6050.driver(chip, imu, clock, Sleeper.NONE));
        }
        DriverStrap strap = new DriverStrap(drivers);
        strap.start(); // each FIFO was reset and restarted just now: count what the chips sample from here on
        ticks.values().forEach(count -> count.set(0));
        Drv2605l motorDriver = new Drv2605l(new SimulatedDrv2605l(), Drv2605lSettings.ERM_COIN, Sleeper.NONE);
        motorDriver.start();
        TimedActuator actuator = new TimedActuator(new Drv2605lActuator(motorDriver));

        double[] stalled = new double[1];
        service.slowStorage((sessionId, index) -> {
            if (index == stalledChunk) {
                long before = System.nanoTime();
                try {
                    Thread.sleep((long) (stallSeconds * 1000));
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("interrupted in the stalled commit");
                }
                stalled[0] = (System.nanoTime() - before) * 1e-9;
            }
        }, backlogChunks);
        DeviceService.Recording recording;
        Map<SensorPosition, Long> produced = new EnumMap<>(SensorPosition.class);
        Map<SensorPosition, Long> overflows = new EnumMap<>(SensorPosition.class);
        try {
            recording = service.runSession(strap, new RealTimePacing(clock), actuator, routine.durationSeconds(), "sim-mpu6050");
            for (SensorPosition sensor : SensorPosition.values()) {
                // what was read: the chip's samples but those still in its FIFO after the last poll
                SimulatedMpu6050 chip = chips.get(sensor);
                produced.put(sensor, ticks.get(sensor).get() - chip.fifoByteCount() / Mpu6050.FIFO_FRAME_BYTES);
                overflows.put(sensor, chip.fifoOverflowCount());
            }
        } finally {
            strap.close();
            actuator.close();
        }
        return new StalledRun(recording, recording.session(), recording.sessionWithSamples(), produced, overflows,
                actuator, originNanos, stalled[0], List.copyOf(lines));
    }

    private record StalledRun(DeviceService.Recording recording, RecordedSession session, RecordedSession samples,
                              Map<SensorPosition, Long> produced, Map<SensorPosition, Long> overflows,
                              TimedActuator actuator, long originNanos, double stallSeconds, List<String> lines) {

        long stored(SensorPosition sensor) {
            return samples.track(sensor).map(SensorTrack::sampleCount).orElse(0);
        }

        /**
         * Session time of the motor write that gave {@code cue}: for an inhale the motor switching
         * on, for an exhale switching off, the first such write from a millisecond before the cue.
         */
        double firstWriteFor(PacerCue cue) {
            double previous = -1;
            for (TimedActuator.Write write : actuator.writes()) {
                double time = (write.nanos() - originNanos) * 1e-9;
                boolean on = write.intensityFraction() > 0 && previous <= 0;
                boolean off = write.intensityFraction() == 0 && previous != 0;
                previous = write.intensityFraction();
                if (time >= cue.timeSeconds() - 0.001 && (cue.phase() == BreathPhase.INHALE ? on : off)) {
                    return time;
                }
            }
            return Double.POSITIVE_INFINITY;
        }
    }

    /** The motor, with the monotonic time of every write it completed. */
    private static final class TimedActuator implements HapticActuator {

        record Write(long nanos, double intensityFraction) {
        }

        private final HapticActuator motor;
        private final List<Write> writes = Collections.synchronizedList(new ArrayList<>());

        TimedActuator(HapticActuator motor) {
            this.motor = motor;
        }

        @Override
        public void setIntensity(double timeSeconds, double intensityFraction) throws IOException {
            motor.setIntensity(timeSeconds, intensityFraction);
            writes.add(new Write(System.nanoTime(), intensityFraction));
        }

        List<Write> writes() {
            synchronized (writes) {
                return List.copyOf(writes);
            }
        }

        @Override
        public void close() throws IOException {
            motor.close();
        }
    }
}
