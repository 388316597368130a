package dev.backbeat.hardware.sim;

/** One part of a simulated stretching routine: a posture as a function of time within the phase. */
public interface RoutinePhase {

    /** How long the phase lasts, seconds. */
    double durationSeconds();

    /** The posture {@code secondsIntoPhase} after the phase began (0..duration). */
    Posture postureAt(double secondsIntoPhase);

    /** A short name for logs and evaluation tables, e.g. {@code neutral-stand}. */
    String name();
}
