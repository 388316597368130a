// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

/**
 * A standing cat-cow flow (hands on the thighs): the wearer hinges forward at the hips, then
 * rounds the back (cat: spinal flexion, pelvis tucked) and arches it (cow: spinal extension,
 * pelvis tilted forward) at a steady tempo, then returns upright.
 *
 * <p>Each cycle: neutral → full flexion → neutral → full extension → neutral, following a sine.
 * The pelvis counter-tilts by {@link #pelvisCouplingFraction} of the spinal angle, as it does in a
 * real cat-cow, so pelvis and thorax both move and only their difference is spinal motion.
 *
 * @param cycles number of cat-plus-cow cycles (repetitions)
 * @param cyclePeriodSeconds seconds per cycle (the tempo); 10 s is one cycle per paced breath at 6 breaths/min
 * @param flexionDegrees peak spinal flexion in the cat, degrees (positive)
 * @param extensionDegrees peak spinal extension in the cow, degrees (positive number, applied backwards)
 * @param hipHingeDegrees forward lean of the pelvis while flowing, degrees
 * @param transitionSeconds time to hinge forward before and to come back upright after the flow, seconds
 * @param pelvisCouplingFraction pelvic counter-tilt per degree of spinal angle (0.3: pelvis tucks 0.3° per 1° of cat)
 * @param breathLocked whether the wearer breathes with the movement, as many are taught: inhale
 *     into the cow (extension), exhale into the cat (flexion), one breath per cycle; the lock comes
 *     in and goes out smoothly over the hinge transitions. Default false (own breathing rate)
 */
public record CatCowFlow(
        int cycles,
        double cyclePeriodSeconds,
        double flexionDegrees,
        double extensionDegrees,
        double hipHingeDegrees,
        double transitionSeconds,
        double pelvisCouplingFraction,
        boolean breathLocked) implements RoutinePhase {

    /** Eight 10-second cycles, 20° of flexion and 15° of extension, hinged forward 25°. */
    public static final CatCowFlow DEFAULT = new CatCowFlow(8, 10.0, 20.0, 15.0, 25.0, 2.0, 0.3);

    public CatCowFlow {
        if (cycles < 1) {
            throw new IllegalArgumentException("cycles must be at least 1, was " + cycles);
        }
        if (!(cyclePeriodSeconds > 0) || !(transitionSeconds > 0)) {
            throw new IllegalArgumentException("cyclePeriodSeconds and transitionSeconds must be positive");
        }
    }

    /** A flow breathing at the wearer's own rate. */
    public CatCowFlow(int cycles, double cyclePeriodSeconds, double flexionDegrees, double extensionDegrees,
                      double hipHingeDegrees, double transitionSeconds, double pelvisCouplingFraction) {
        this(cycles, cyclePeriodSeconds, flexionDegrees, extensionDegrees, hipHingeDegrees, transitionSeconds,
                pelvisCouplingFraction, false);
    }

    /** A copy with {@code cycles} cycles. */
    public CatCowFlow withCycles(int newCycles) {
        return new CatCowFlow(newCycles, cyclePeriodSeconds, flexionDegrees, extensionDegrees,
                hipHingeDegrees, transitionSeconds, pelvisCouplingFraction, breathLocked);
    }

    /** A copy breathing with the movement (inhale into extension) or not. */
    public CatCowFlow withBreathLocked(boolean locked) {
        return new CatCowFlow(cycles, cyclePeriodSeconds, flexionDegrees, extensionDegrees,
                hipHingeDegrees, transitionSeconds, pelvisCouplingFraction, locked);
    }

    @Override
    public double breathLockWeight(double secondsIntoPhase) {
        if (!breathLocked) {
            return 0;
        }
        double flowEnd = transitionSeconds + cycles * cyclePeriodSeconds;
        if (secondsIntoPhase < transitionSeconds) {
            return SmoothStep.of(secondsIntoPhase / transitionSeconds);
        }
        if (secondsIntoPhase > flowEnd) {
            return 1 - SmoothStep.of((secondsIntoPhase - flowEnd) / transitionSeconds);
        }
        return 1;
    }

    /** Half-way (0.5) at neutral, full inhale (1) at peak extension, full exhale (0) at peak flexion. */
    @Override
    public double lockedBreathFraction(double secondsIntoPhase) {
        if (!breathLocked) {
            return Double.NaN;
        }
        double flowEnd = transitionSeconds + cycles * cyclePeriodSeconds;
        double inFlow = Math.min(Math.max(secondsIntoPhase, transitionSeconds), flowEnd) - transitionSeconds;
        return 0.5 - 0.5 * Math.sin(2 * Math.PI * inFlow / cyclePeriodSeconds);
    }

    @Override
    public double durationSeconds() {
        return 2 * transitionSeconds + cycles * cyclePeriodSeconds;
    }

    @Override
    public Posture postureAt(double secondsIntoPhase) {
        Posture hinged = new Posture(0, hipHingeDegrees, 0, 0, 0, 0, 0);
        double flowStart = transitionSeconds;
        double flowEnd = transitionSeconds + cycles * cyclePeriodSeconds;
        if (secondsIntoPhase < flowStart) {
            return Posture.UPRIGHT.blend(hinged, SmoothStep.of(secondsIntoPhase / transitionSeconds));
        }
        if (secondsIntoPhase > flowEnd) {
            return hinged.blend(Posture.UPRIGHT, SmoothStep.of((secondsIntoPhase - flowEnd) / transitionSeconds));
        }
        double wave = Math.sin(2 * Math.PI * (secondsIntoPhase - flowStart) / cyclePeriodSeconds);
        double spineFlexion = wave >= 0 ? wave * flexionDegrees : wave * extensionDegrees;
        double pelvisFlexion = hipHingeDegrees - pelvisCouplingFraction * spineFlexion;
        return new Posture(0, pelvisFlexion, 0, 0, spineFlexion, 0, 0);
    }

    @Override
    public String name() {
        return "cat-cow";
    }
}
