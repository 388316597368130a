// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.pacer;

/**
 * A haptic breath pacer at a fixed rate: during each inhale the vibration swells smoothly from a
 * floor to a peak and falls back (a half-sine envelope), during the exhale the motor is off. The
 * wearer inhales with the swell (extending the spine) and exhales in the quiet (releasing).
 *
 * <p>Streaming: call {@link #update(double)} with non-decreasing session times; it returns the
 * motor intensity and records cues at each phase change. No allocation per call except when a
 * phase begins.
 */
public final class BreathPacer {

    private final PacerSettings settings;
    private final double breathPeriodSeconds;
    private final double inhaleSeconds;
    private long breathIndex = -1;
    private BreathPhase phase;
    private PacerCue lastCue;
    private int inhaleCueCount;

    public BreathPacer(PacerSettings settings) {
        this.settings = settings;
        this.breathPeriodSeconds = settings.breathPeriodSeconds();
        this.inhaleSeconds = settings.inhaleFraction() * breathPeriodSeconds;
    }

    public PacerSettings settings() {
        return settings;
    }

    /**
     * Advances the pacer to {@code timeSeconds} and returns the motor intensity, 0..1.
     * Sets {@link #lastCue()} when a new phase began since the previous call.
     */
    public double update(double timeSeconds) {
        long breath = (long) Math.floor(timeSeconds / breathPeriodSeconds);
        double secondsIntoBreath = timeSeconds - breath * breathPeriodSeconds;
        BreathPhase currentPhase = secondsIntoBreath < inhaleSeconds ? BreathPhase.INHALE : BreathPhase.EXHALE;
        if (breath != breathIndex || currentPhase != phase) {
            double cueTime = breath * breathPeriodSeconds + (currentPhase == BreathPhase.INHALE ? 0 : inhaleSeconds);
            lastCue = new PacerCue(cueTime, currentPhase);
            if (currentPhase == BreathPhase.INHALE) {
                inhaleCueCount++;
            }
            breathIndex = breath;
            phase = currentPhase;
        }
        if (currentPhase == BreathPhase.EXHALE) {
            return 0;
        }
        double swell = Math.sin(Math.PI * secondsIntoBreath / inhaleSeconds);
        return settings.floorIntensityFraction()
                + (settings.peakIntensityFraction() - settings.floorIntensityFraction()) * swell;
    }

    /**
     * The session time of the first phase change (inhale or exhale cue) after {@code timeSeconds}, s:
     * when the caller must update the pacer again for the cue to reach the motor on time.
     */
    public double nextCueSeconds(double timeSeconds) {
        double breathStart = Math.floor(timeSeconds / breathPeriodSeconds) * breathPeriodSeconds;
        double exhaleStart = breathStart + inhaleSeconds;
        return timeSeconds < exhaleStart ? exhaleStart : breathStart + breathPeriodSeconds;
    }

    /** The phase at the last update, or {@code null} before the first. */
    public BreathPhase phase() {
        return phase;
    }

    /** The most recent cue, or {@code null} before the first update. */
    public PacerCue lastCue() {
        return lastCue;
    }

    /** How many inhale cues (paced breaths) were given so far. */
    public int inhaleCueCount() {
        return inhaleCueCount;
    }
}
