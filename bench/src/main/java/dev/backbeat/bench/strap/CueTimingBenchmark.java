// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.strap;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.pacer.PacerCue;
import dev.backbeat.core.routine.BuiltInProfiles;
import dev.backbeat.core.routine.DefinitionText;
import dev.backbeat.core.routine.SessionPlan;
import dev.backbeat.device.DeviceService;
import dev.backbeat.device.DeviceSettings;
import dev.backbeat.device.RealTimePacing;
import dev.backbeat.hardware.actuator.HapticActuator;
import dev.backbeat.hardware.haptic.Drv2605l;
import dev.backbeat.hardware.haptic.Drv2605lActuator;
import dev.backbeat.hardware.haptic.Drv2605lSettings;
import dev.backbeat.hardware.imu.ImuChip;
import dev.backbeat.hardware.imu.ImuDriver;
import dev.backbeat.hardware.imu.ImuSettings;
import dev.backbeat.hardware.sim.GuidedRoutineScript;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Issue 15's cue timing: how late each pacer cue reaches the motor, on the path the strap runs. A
 * guided cat-cow routine runs in real time through {@link DeviceService#runGuidedSession}: the real
 * MPU-6050 drivers at 200 Hz on register-level simulated chips sampling on the JVM's monotonic clock,
 * {@link RealTimePacing} (the Pi's pacing), a real SQLite outbox sealing a chunk a second on its own
 * thread, and the real DRV2605L driver on a simulated DRV2605L; every write to the motor is timed on
 * the same monotonic clock when it completes.
 *
 * <p>A cue's onset is the completion of the first motor write made at or after the cue's scheduled
 * time (the pacer schedules each inhale and exhale on the session's monotonic clock); its lateness is
 * that completion minus the schedule. Reported per run (count, median, p99, max in ms) and, over the
 * runs, the median of the runs' p99 and the p99 of all cues pooled. Target (issue 15): p99 ≤ 5 ms.
 *
 * <p>Arguments: {@code RUNS MINUTES PATTERN BREATHS_PER_MINUTE CUE_MARGIN_MS} (defaults 5, 3, envelope,
 * 10, the strap's 2 ms): the envelope changes the motor at each cue (from off to the inhale's floor,
 * from the inhale's peak to the stronger exhale) and every 2 % of strength between; with pulses a
 * cue written after its 0.15 s pulse is over (a stall) shows only at the next pulse, 0.3 s or a breath
 * later. A margin of 0 sleeps until each cue instead of waking early to spin.
 */
public final class CueTimingBenchmark {

    /** The target for a cue's lateness at p99, ms. */
    static final double TARGET_P99_MILLIS = 5;

    private CueTimingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        double minutes = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        String pattern = args.length > 2 ? args[2] : "envelope";
        double breathsPerMinute = args.length > 3 ? Double.parseDouble(args[3]) : 10;
        double cueMarginSeconds = args.length > 4 ? Double.parseDouble(args[4]) / 1000 : RealTimePacing.DEFAULT_CUE_MARGIN_SECONDS;
        if (runs < 1 || !(minutes > 0) || !(pattern.equals("pulses") || pattern.equals("envelope"))
                || !(breathsPerMinute >= 3 && breathsPerMinute <= 10)) {
            System.err.println("usage: CueTimingBenchmark [RUNS ≥ 1] [MINUTES > 0] [pulses|envelope] [BREATHS_PER_MINUTE 3..10]");
            System.exit(2);
        }
        System.out.printf(Locale.ROOT, "cue timing: %d run(s) of %.1f min, %s cues at %.0f breaths/min, "
                + "real MPU-6050 drivers at 200 Hz on simulated chips, real-time pacing (cue margin %.1f ms), "
                + "simulated DRV2605L%n", runs, minutes, pattern, breathsPerMinute, cueMarginSeconds * 1000);
        System.out.printf(Locale.ROOT, "collectors %s, %d processors, load %s%n",
                java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(java.lang.management.GarbageCollectorMXBean::getName).toList(),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        List<double[]> perRun = new ArrayList<>();
        List<Double> pooled = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            double[] lateness = runOnce(minutes, pattern, breathsPerMinute, cueMarginSeconds);
            Arrays.sort(lateness);
            perRun.add(lateness);
            for (double each : lateness) {
                pooled.add(each);
            }
            System.out.printf(Locale.ROOT, "run %d: %d cues, lateness median %.3f ms, p99 %.3f ms, max %.3f ms (load %s)%n",
                    run, lateness.length, percentile(lateness, 50), percentile(lateness, 99), lateness[lateness.length - 1],
                    loadAverage());
        }
        double[] runP99 = perRun.stream().mapToDouble(lateness -> percentile(lateness, 99)).sorted().toArray();
        double[] runMax = perRun.stream().mapToDouble(lateness -> lateness[lateness.length - 1]).sorted().toArray();
        double[] all = pooled.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double medianP99 = percentile(runP99, 50);
        System.out.printf(Locale.ROOT, "over %d runs: median of p99 %.3f ms, median of max %.3f ms; pooled %d cues: "
                + "median %.3f ms, p99 %.3f ms, max %.3f ms; target p99 <= %.0f ms: %s%n", runs, medianP99,
                percentile(runMax, 50), all.length, percentile(all, 50), percentile(all, 99), all[all.length - 1],
                TARGET_P99_MILLIS, medianP99 <= TARGET_P99_MILLIS ? "met" : "MISSED");
    }

    /** One guided session in real time; the lateness of each cue after the first, ms. */
    static double[] runOnce(double minutes, String pattern, double breathsPerMinute, double cueMarginSeconds) throws Exception {
        int repetitions = (int) Math.ceil(minutes * breathsPerMinute);
        String routine = String.join("\n",
                "backbeat-routine 1",
                "name cue-timing",
                "title Cue timing: a cat-cow flow, one breath a cycle",
                "step neutral-stand duration=5",
                String.format(Locale.ROOT, "step cat-cow repetitions=%d breaths=1 pacer=%s ratio=4:6", repetitions,
                        breathsPerMinute == Math.rint(breathsPerMinute) ? String.valueOf((int) breathsPerMinute)
                                : String.valueOf(breathsPerMinute)),
                "");
        String profile = BuiltInProfiles.source("custom").orElseThrow()
                .replace("cue-pattern envelope", "cue-pattern " + pattern);
        SessionPlan plan = SessionPlan.of(DefinitionText.of("cue-timing.routine", routine),
                Optional.of(DefinitionText.of("custom.profile (cue pattern " + pattern + ")", profile)),
                Double.NaN, Double.NaN, Double.NaN);
        Path dataDirectory = Files.createTempDirectory("backbeat-cue-timing");
        try {
            DeviceService service = new DeviceService(DeviceSettings.defaults(dataDirectory).withPlan(plan), line -> { });
            service.recoverInterrupted(); // as backbeat-device does first: SQLite loaded, the outbox made
            long originNanos = System.nanoTime();
            SessionClock clock = () -> (System.nanoTime() - originNanos) * 1e-9;
            SimulatedWearer wearer = new SimulatedWearer(WearerSettings.DEFAULTS,
                    GuidedRoutineScript.of(plan.personalisedRoutine(), GuidedRoutineScript.Deviations.NONE));
            ImuSettings imu = ImuSettings.DEFAULTS.withOutputDataRateHz(200);
            double rateHz = ImuChip.MPU_6050.outputDataRateHz(imu);
            Map<SensorPosition, ImuDriver> drivers = new EnumMap<>(SensorPosition.class);
            for (SensorPosition sensor : SensorPosition.values()) {
                SimulatedImuSignal signal = new SimulatedImuSignal(wearer, sensor, SensorErrorSettings.DEFAULTS, rateHz, 1);
                SimulatedMpu6050 chip = new SimulatedMpu6050(ImuChip.MPU_6050.defaultAddress(sensor), signal::sampleAt, clock);
                drivers.put(sensor, ImuChip.MPU_6050.driver(chip, imu, clock, Sleeper.NONE));
            }
            DriverStrap strap = new DriverStrap(drivers);
            Drv2605l motorDriver = new Drv2605l(new SimulatedDrv2605l(), Drv2605lSettings.ERM_COIN, Sleeper.NONE);
            motorDriver.start();
            TimedMotor motor = new TimedMotor(new Drv2605lActuator(motorDriver));
            DeviceService.Recording recording;
            try {
                strap.start();
                recording = service.runGuidedSession(strap, new RealTimePacing(clock, cueMarginSeconds), motor, "sim-mpu6050");
            } finally {
                strap.close();
                motor.close();
            }
            List<PacerCue> cues = recording.session().pacerCues().stream().filter(cue -> cue.timeSeconds() > 0).toList();
            double[] lateness = new double[cues.size()];
            List<TimedMotor.Write> writes = motor.writes;
            int write = 0;
            for (int index = 0; index < cues.size(); index++) {
                double due = cues.get(index).timeSeconds();
                while (write < writes.size() && writes.get(write).scheduledSeconds() < due - 1e-9) {
                    write++;
                }
                if (write == writes.size()) {
                    throw new IllegalStateException("no motor write for the cue at " + due + " s");
                }
                lateness[index] = ((writes.get(write).completedNanos() - originNanos) * 1e-9 - due) * 1e3;
            }
            return lateness;
        } finally {
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException unknown) {
            return "unknown";
        }
    }

    /** The motor, with the time each write was made for and the monotonic time it completed. */
    private static final class TimedMotor implements HapticActuator {

        record Write(double scheduledSeconds, long completedNanos) {
        }

        private final HapticActuator motor;
        /** Written by the sampling thread only, read after the session. */
        final List<Write> writes = new ArrayList<>(1 << 14);

        TimedMotor(HapticActuator motor) {
            this.motor = motor;
        }

        @Override
        public void setIntensity(double timeSeconds, double intensityFraction) throws IOException {
            motor.setIntensity(timeSeconds, intensityFraction);
            writes.add(new Write(timeSeconds, System.nanoTime()));
        }

        @Override
        public void close() throws IOException {
            motor.close();
        }
    }
}
