// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.actuator;

import java.util.ArrayList;
import java.util.List;

/**
 * A vibration motor that only remembers what it was told: every intensity change with its time,
 * so tests and reports can check the envelope that a real motor would have played.
 */
public final class SimulatedHapticActuator implements HapticActuator {

    /** One change of intensity. */
    public record IntensityChange(double timeSeconds, double intensityFraction) {
    }

    private final List<IntensityChange> changes = new ArrayList<>();
    private double intensityFraction;
    private boolean closed;

    @Override
    public synchronized void setIntensity(double timeSeconds, double intensityFraction) {
        if (closed) {
            throw new IllegalStateException("the actuator is closed");
        }
        if (!(intensityFraction >= 0 && intensityFraction <= 1)) {
            throw new IllegalArgumentException("intensity must be 0..1, was " + intensityFraction);
        }
        if (intensityFraction != this.intensityFraction || changes.isEmpty()) {
            changes.add(new IntensityChange(timeSeconds, intensityFraction));
            this.intensityFraction = intensityFraction;
        }
    }

    /** The intensity now, 0..1. */
    public synchronized double intensityFraction() {
        return intensityFraction;
    }

    public synchronized List<IntensityChange> changes() {
        return List.copyOf(changes);
    }

    /** How many times the motor started from off: one per paced breath. */
    public synchronized int pulseCount() {
        int pulses = 0;
        double previous = 0;
        for (IntensityChange change : changes) {
            if (previous == 0 && change.intensityFraction() > 0) {
                pulses++;
            }
            previous = change.intensityFraction();
        }
        return pulses;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (!closed && intensityFraction != 0) {
            changes.add(new IntensityChange(changes.get(changes.size() - 1).timeSeconds(), 0));
        }
        intensityFraction = 0;
        closed = true;
    }
}
