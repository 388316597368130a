// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.pacer;

/** What the pacer asks the wearer to do. */
public enum BreathPhase {
    /** Breathe in, extending the spine (the motor swells). */
    INHALE,
    /** Breathe out, releasing (the motor is quiet). */
    EXHALE
}
