package dev.backbeat.core.rhythm;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts repetitions from the streaming flexion angle.
 *
 * <p>An excursion starts when the angle leaves the neutral band and counts once it passes the
 * excursion threshold; it ends when the angle is back in the neutral band. A flexion excursion
 * followed within the pairing window by an extension excursion (or the other way round) is one
 * repetition, as in a cat-cow cycle; an excursion with no opposite partner within the window is a
 * repetition on its own (a forward bend, a controlled extension).
 */
public final class RepetitionCounter {

    private final RepetitionSettings settings;
    private final List<Repetition> repetitions = new ArrayList<>();

    // the excursion under way
    private int excursionSign;
    private boolean excursionPassedThreshold;
    private double excursionStartSeconds;
    private double excursionPeakDegrees;
    // a finished excursion waiting for an opposite partner
    private int pendingSign;
    private double pendingStartSeconds;
    private double pendingEndSeconds;
    private double pendingPeakDegrees;

    public RepetitionCounter(RepetitionSettings settings) {
        this.settings = settings;
    }

    /** Takes the flexion angle (degrees) at {@code timeSeconds}; times must not decrease. */
    public void update(double timeSeconds, double flexionDegrees) {
        if (Double.isNaN(flexionDegrees)) {
            return;
        }
        if (pendingSign != 0 && excursionSign == 0
                && timeSeconds - pendingEndSeconds > settings.pairingWindowSeconds()) {
            emitPendingAlone();
        }
        double magnitude = Math.abs(flexionDegrees);
        int sign = flexionDegrees > 0 ? 1 : -1;
        if (excursionSign == 0) {
            if (magnitude > settings.neutralBandDegrees()) {
                startExcursion(timeSeconds, sign);
            }
        } else if (sign != excursionSign && magnitude > settings.neutralBandDegrees()) {
            // crossed straight through neutral within one sample
            endExcursion(timeSeconds);
            startExcursion(timeSeconds, sign);
        } else if (magnitude <= settings.neutralBandDegrees()) {
            endExcursion(timeSeconds);
        }
        if (excursionSign != 0) {
            excursionPeakDegrees = Math.max(excursionPeakDegrees, magnitude);
            excursionPassedThreshold |= magnitude > settings.excursionThresholdDegrees();
        }
    }

    /** Ends the session: an excursion waiting for a partner counts alone; one still under way does not count. */
    public void finish() {
        if (pendingSign != 0) {
            emitPendingAlone();
        }
    }

    public int count() {
        return repetitions.size();
    }

    public List<Repetition> repetitions() {
        return List.copyOf(repetitions);
    }

    private void startExcursion(double timeSeconds, int sign) {
        excursionSign = sign;
        excursionStartSeconds = timeSeconds;
        excursionPeakDegrees = 0;
        excursionPassedThreshold = false;
    }

    private void endExcursion(double timeSeconds) {
        int sign = excursionSign;
        excursionSign = 0;
        if (!excursionPassedThreshold) {
            return;
        }
        if (pendingSign == -sign) {
            double flexionPeak = sign > 0 ? excursionPeakDegrees : pendingPeakDegrees;
            double extensionPeak = sign < 0 ? excursionPeakDegrees : pendingPeakDegrees;
            repetitions.add(new Repetition(pendingStartSeconds, timeSeconds, flexionPeak, extensionPeak));
            pendingSign = 0;
            return;
        }
        if (pendingSign != 0) {
            emitPendingAlone();
        }
        pendingSign = sign;
        pendingStartSeconds = excursionStartSeconds;
        pendingEndSeconds = timeSeconds;
        pendingPeakDegrees = excursionPeakDegrees;
    }

    private void emitPendingAlone() {
        double flexionPeak = pendingSign > 0 ? pendingPeakDegrees : 0;
        double extensionPeak = pendingSign < 0 ? pendingPeakDegrees : 0;
        repetitions.add(new Repetition(pendingStartSeconds, pendingEndSeconds, flexionPeak, extensionPeak));
        pendingSign = 0;
    }
}
