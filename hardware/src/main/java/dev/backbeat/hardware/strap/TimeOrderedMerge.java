// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.strap;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import java.util.List;

/**
 * Merges the sensors' sample streams by timestamp. Each sensor's samples arrive in time order, but
 * a strap reads one FIFO after the other, so one sensor's samples of a poll arrive before the
 * other's. A sample is held back until every other sensor has delivered (or lost, as a gap)
 * everything up to its time, or until the newest sample of any sensor is {@code maximumHoldSeconds}
 * later than it (a sensor that stopped delivering must not stop the others). Equal times go in
 * sensor order (upper first), as the recording's replays merge them.
 *
 * <p>A sensor has delivered everything before {@code last + minimumSpacing}: its driver stamps no
 * sample closer than that to the one before (see {@code ImuDriver.minimumSampleSpacingSeconds}).
 *
 * <p>Holds samples by reference in preallocated rings: nothing is allocated per sample. A sample of
 * a lagging sensor that arrives after the bound released a later sample of another sensor is still
 * handed over (nothing is dropped), out of order with it.
 */
final class TimeOrderedMerge {

    private final SensorPosition[] sensors;
    private final double[] minimumSpacingSeconds;
    private final double maximumHoldSeconds;
    private final ImuSample[][] rings;
    private final int[] heads;
    private final int[] sizes;
    /** Per sensor: every sample of it earlier than this has been handed to the merge. */
    private final double[] completeBeforeSeconds;
    private double newestSeconds = Double.NEGATIVE_INFINITY;
    private long releasedByBound;

    /**
     * @param sensors the sensors, in the order their samples go on equal times
     * @param minimumSpacingSeconds per sensor, the least time its driver puts between two samples, s
     * @param capacity per sensor, samples held at most (more pushes the earliest out early)
     * @param maximumHoldSeconds how long a sample waits for the other sensors at most, s of sample time
     */
    TimeOrderedMerge(List<SensorPosition> sensors, double[] minimumSpacingSeconds, int capacity,
                     double maximumHoldSeconds) {
        if (!(maximumHoldSeconds >= 0)) {
            throw new IllegalArgumentException("maximum hold must be 0 s or more, was " + maximumHoldSeconds);
        }
        this.sensors = sensors.toArray(SensorPosition[]::new);
        this.minimumSpacingSeconds = minimumSpacingSeconds.clone();
        this.maximumHoldSeconds = maximumHoldSeconds;
        this.rings = new ImuSample[this.sensors.length][capacity];
        this.heads = new int[this.sensors.length];
        this.sizes = new int[this.sensors.length];
        this.completeBeforeSeconds = new double[this.sensors.length];
        java.util.Arrays.fill(completeBeforeSeconds, Double.NEGATIVE_INFINITY);
    }

    /** Takes the next sample of sensor {@code index}; a full ring first hands its earliest held sample over. */
    void add(int index, ImuSample sample, StrapSampleSink sink) {
        ImuSample[] ring = rings[index];
        while (sizes[index] == ring.length) {
            releaseEarliest(sink);
            releasedByBound++;
        }
        ring[(heads[index] + sizes[index]) % ring.length] = sample;
        sizes[index]++;
        double time = sample.timeSeconds();
        completeBeforeSeconds[index] = Math.max(completeBeforeSeconds[index], time + minimumSpacingSeconds[index]);
        newestSeconds = Math.max(newestSeconds, time);
    }

    /** Sensor {@code index} lost its samples up to {@code toSeconds}: none of them will come. */
    void gap(int index, double toSeconds) {
        completeBeforeSeconds[index] = Math.max(completeBeforeSeconds[index], toSeconds + minimumSpacingSeconds[index]);
    }

    /** Hands over, in time order, every held sample no other sensor can still precede, or held too long. */
    void releaseTo(StrapSampleSink sink) {
        double completeBefore = Double.POSITIVE_INFINITY;
        for (double sensorComplete : completeBeforeSeconds) {
            completeBefore = Math.min(completeBefore, sensorComplete);
        }
        double heldTooLong = newestSeconds - maximumHoldSeconds;
        while (true) {
            int earliest = earliest();
            if (earliest < 0) {
                return;
            }
            double time = rings[earliest][heads[earliest]].timeSeconds();
            if (time < completeBefore) {
                release(earliest, sink);
            } else if (time <= heldTooLong) {
                release(earliest, sink);
                releasedByBound++;
            } else {
                return;
            }
        }
    }

    /** Hands over everything held, in time order: at the end of a session. */
    void releaseAllTo(StrapSampleSink sink) {
        while (earliest() >= 0) {
            releaseEarliest(sink);
        }
    }

    /** Samples handed over before the other sensors had caught up (the bound, or a full ring). */
    long releasedByBound() {
        return releasedByBound;
    }

    private void releaseEarliest(StrapSampleSink sink) {
        release(earliest(), sink);
    }

    /** The sensor whose held head is earliest (the first such sensor on equal times), or -1 if none. */
    private int earliest() {
        int earliest = -1;
        double earliestSeconds = Double.POSITIVE_INFINITY;
        for (int index = 0; index < sensors.length; index++) {
            if (sizes[index] > 0) {
                double time = rings[index][heads[index]].timeSeconds();
                if (earliest < 0 || time < earliestSeconds) {
                    earliest = index;
                    earliestSeconds = time;
                }
            }
        }
        return earliest;
    }

    private void release(int index, StrapSampleSink sink) {
        ImuSample[] ring = rings[index];
        ImuSample sample = ring[heads[index]];
        ring[heads[index]] = null;
        heads[index] = (heads[index] + 1) % ring.length;
        sizes[index]--;
        sink.accept(sensors[index], sample);
    }
}
