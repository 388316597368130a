// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.strap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.hardware.imu.ImuChip;
import dev.backbeat.hardware.imu.ImuSettings;
import dev.backbeat.hardware.sim.Routine;
import dev.backbeat.hardware.sim.SensorErrorSettings;
import dev.backbeat.hardware.sim.SimulatedImuSignal;
import dev.backbeat.hardware.sim.SimulatedWearer;
import dev.backbeat.hardware.sim.SimulationClock;
import dev.backbeat.hardware.sim.WearerSettings;
import dev.backbeat.hardware.sim.chip.InertialSource;
import dev.backbeat.hardware.sim.chip.ManualClock;
import dev.backbeat.hardware.sim.chip.SimulatedChipStrap;
import dev.backbeat.hardware.sim.chip.TestSources;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The targets, through the real drivers on register-level chips. */
class DriverStrapSessionTest {

    @ParameterizedTest
    @EnumSource(ImuChip.class)
    void tenMinutesAt200Hz_with150MillisecondReaderPauses_losesNoSample(ImuChip chip) throws IOException {
        ManualClock clock = new ManualClock();
        DriverStrap strap = open(chip, clock);
        double rateHz = strap.sampleRateHz();
        Collector collector = new Collector();

        double sessionSeconds = 600;
        int poll = 0;
        while (clock.nowSeconds() < sessionSeconds - 1e-9) {
            boolean paused = poll % 50 == 49;          // every 2 s the reader stalls 150 ms more
            clock.advance(Math.min(paused ? 0.19 : 0.04, sessionSeconds - clock.nowSeconds()));
            strap.drainTo(collector);
            poll++;
        }

        long expected = (long) Math.floor(sessionSeconds * rateHz + 1e-6);
        for (SensorPosition sensor : SensorPosition.values()) {
            List<ImuSample> samples = collector.samples.get(sensor);
            assertEquals(expected, samples.size(), sensor.label());
            assertTrue(collector.gaps.isEmpty(), "gaps: " + collector.gaps.size());
            InertialSource source = TestSources.timeEncoding();
            for (int index = 0; index < samples.size(); index++) {
                ImuSample sample = samples.get(index);
                assertEquals((index + 1) / rateHz, sample.timeSeconds(), 1e-9);
                if (index % 997 == 0) {
                    assertEquals(source.sampleAt(sample.timeSeconds()).accelerometerMetersPerSecondSquared().z(),
                            sample.accelerometerMetersPerSecondSquared().z(), 0.002);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ImuChip.class)
    void pauseBeyondFifoDepth_isReportedAsAGapAsLongAsTheLoss(ImuChip chip) throws IOException {
        ManualClock clock = new ManualClock();
        DriverStrap strap = open(chip, clock);
        double rateHz = strap.sampleRateHz();
        Collector collector = new Collector();
        for (int poll = 0; poll < 100; poll++) {
            clock.advance(0.04);
            strap.drainTo(collector);
        }

        clock.advance(5.0);
        strap.drainTo(collector);
        for (int poll = 0; poll < 25; poll++) {
            clock.advance(0.04);
            strap.drainTo(collector);
        }

        long ticks = Math.round(10.0 * rateHz);
        for (SensorPosition sensor : SensorPosition.values()) {
            List<double[]> gaps = collector.gaps.get(sensor);
            assertEquals(1, gaps.size(), sensor.label());
            double[] gap = gaps.get(0);
            long lost = Math.round((gap[1] - gap[0]) * rateHz) + 1;
            long delivered = collector.samples.get(sensor).size();
            assertEquals(ticks, delivered + lost, 1, sensor.label());
            assertEquals(1, strap.driver(sensor).overflowCount());
            // after the gap the timeline goes on at the output data rate
            List<ImuSample> samples = collector.samples.get(sensor);
            ImuSample last = samples.get(samples.size() - 1);
            assertEquals(10.0, last.timeSeconds(), 1.0 / rateHz + 1e-9);
        }
    }

    @Test
    void simulatedWearer_throughMpu6050Chips_readsGravityOnTheSensorAxes() throws IOException {
        SimulationClock clock = new SimulationClock();
        SimulatedWearer wearer = new SimulatedWearer(WearerSettings.DEFAULTS, Routine.catCow(1));
        double rateHz = ImuChip.MPU_6050.outputDataRateHz(ImuSettings.DEFAULTS);
        SimulatedImuSignal upper = new SimulatedImuSignal(wearer, SensorPosition.UPPER, SensorErrorSettings.DEFAULTS, rateHz, 3);
        SimulatedImuSignal lower = new SimulatedImuSignal(wearer, SensorPosition.LOWER, SensorErrorSettings.DEFAULTS, rateHz, 3);
        DriverStrap strap = SimulatedChipStrap.open(ImuChip.MPU_6050, upper, lower, clock, ImuSettings.DEFAULTS);
        Collector collector = new Collector();

        for (int poll = 0; poll < 50; poll++) {
            clock.advance(0.04);
            strap.drainTo(collector);
        }

        assertEquals(List.of(SensorPosition.UPPER, SensorPosition.LOWER), strap.sensors());
        for (SensorPosition sensor : SensorPosition.values()) {
            List<ImuSample> samples = collector.samples.get(sensor);
            assertEquals(400, samples.size());
            double meanNorm = samples.stream()
                    .mapToDouble(sample -> sample.accelerometerMetersPerSecondSquared().norm()).average().orElseThrow();
            assertEquals(9.81, meanNorm, 0.1, sensor.label());
        }
        strap.close();
    }

    private static DriverStrap open(ImuChip chip, ManualClock clock) throws IOException {
        Map<SensorPosition, InertialSource> sources = new EnumMap<>(SensorPosition.class);
        sources.put(SensorPosition.UPPER, TestSources.timeEncoding());
        sources.put(SensorPosition.LOWER, TestSources.timeEncoding());
        return SimulatedChipStrap.open(chip, sources, clock, ImuSettings.DEFAULTS);
    }

    private static final class Collector implements StrapSampleSink {
        final Map<SensorPosition, List<ImuSample>> samples = new EnumMap<>(SensorPosition.class);
        final Map<SensorPosition, List<double[]>> gaps = new EnumMap<>(SensorPosition.class);

        @Override
        public void accept(SensorPosition sensor, ImuSample sample) {
            samples.computeIfAbsent(sensor, key -> new ArrayList<>()).add(sample);
        }

        @Override
        public void gap(SensorPosition sensor, double fromSeconds, double toSeconds) {
            gaps.computeIfAbsent(sensor, key -> new ArrayList<>()).add(new double[] {fromSeconds, toSeconds});
        }
    }
}
