// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.imu;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.hardware.bus.RegisterBus;
import java.io.IOException;

/**
 * A six-axis IMU read through its FIFO. Life cycle: {@link #start()} once (identity check,
 * configuration written and read back, FIFO started), then {@link #drainTo} a few times a second,
 * then {@link #close()}.
 *
 * <p>Timestamps are {@code t0 + n · period}: {@code n} counts samples since the FIFO started (or
 * restarted after an overflow), and {@code t0} and the period are fitted to the session times at
 * which the FIFO's count was read (see {@code SampleClock}), so the chip's own rate, ±1–2 % off the
 * nominal one, is followed, and reader jitter and GC pauses shorter than the FIFO's depth move no
 * timestamp.
 */
public interface ImuDriver extends AutoCloseable {

    /** The chip's name, e.g. {@code MPU-6050}. */
    String chipName();

    /** The bus this driver talks through. */
    RegisterBus bus();

    /** The output data rate actually configured, Hz (the nearest the chip offers to the request). */
    double outputDataRateHz();

    /**
     * The least time this driver puts between the stamps of two consecutive samples, seconds: a
     * sample after one stamped {@code t} is stamped {@code t + minimumSampleSpacingSeconds()} or
     * later, so a strap knows everything before that has arrived. Samples are one period apart; the
     * default allows for the estimated period and its corrections (0.45 of the nominal period).
     */
    default double minimumSampleSpacingSeconds() {
        return 0.45 / outputDataRateHz();
    }

    /**
     * The output data rate measured against the session clock, Hz (see {@code SampleClock}): the
     * chip's oscillator runs up to ±1–2 % off {@link #outputDataRateHz()}, and samples are stamped at
     * the measured rate. The nominal rate until enough of the session has been seen.
     */
    double estimatedOutputDataRateHz();

    /** Whether {@link #estimatedOutputDataRateHz()} has been measured (else it is the nominal rate). */
    boolean outputDataRateMeasured();

    /** How long the FIFO holds samples before it overflows, seconds: the longest safe reader pause. */
    double fifoCapacitySeconds();

    /**
     * Checks WHO_AM_I, resets the chip, writes and reads back the configuration, and starts the FIFO
     * at the current session time.
     *
     * @throws dev.backbeat.hardware.bus.WrongChipException when WHO_AM_I is not this chip's
     * @throws dev.backbeat.hardware.bus.ChipConfigurationException when a configuration register reads back differently
     */
    void start() throws IOException;

    /** Hands every complete sample in the FIFO to {@code receiver}, and any loss as a gap. */
    void drainTo(ImuSampleReceiver receiver) throws IOException;

    /**
     * The newest reading from the chip's output registers, all axes read in one burst, stamped with
     * the session clock: for start-up and hardware checks, not for the sampled stream.
     */
    ImuSample readLatest() throws IOException;

    /** FIFO overflows recovered from since {@link #start()}. */
    long overflowCount();

    /** Puts the chip to sleep (best effort) and closes the bus. */
    @Override
    void close() throws IOException;
}
