// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.strap;

import dev.backbeat.core.imu.SensorPosition;
import java.io.IOException;
import java.util.List;

/**
 * The strap's IMUs as one source of samples. The device service polls it a few times a second;
 * each poll hands over everything the sensors produced since the last one (from the chips' FIFOs
 * on real hardware).
 */
public interface Strap extends AutoCloseable {

    /** The sensors on this strap, e.g. {@code [UPPER, LOWER]}. */
    List<SensorPosition> sensors();

    /** The output data rate of each sensor, Hz. */
    double sampleRateHz();

    /**
     * Hands every sample produced since the previous call to {@code sink}, in time order across
     * sensors. A strap may hold the newest samples back until the other sensors have caught up with
     * them (they are handed over by a later call, or by {@link #drainHeldTo} at the end).
     */
    void drainTo(StrapSampleSink sink) throws IOException;

    /**
     * Hands over, in time order, the samples {@link #drainTo} held back for ordering: call once after
     * the last {@code drainTo} of a session. The default holds nothing back.
     */
    default void drainHeldTo(StrapSampleSink sink) {
    }

    @Override
    void close() throws IOException;
}
