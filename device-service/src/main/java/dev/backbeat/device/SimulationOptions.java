// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

/**
 * How to run a session on the simulated strap.
 *
 * @param catCowCycles cycles of the cat-cow flow after the 5 s neutral stand (default 8, about 90 s in all)
 * @param timeScale simulated seconds per wall-clock second; 1 is real time, 0 as fast as possible (default 1)
 * @param seed seeds sensor noise and offsets, so a run is reproducible (default 1)
 * @throws IllegalArgumentException naming the option ({@code --cycles}, {@code --time-scale}) that
 *     {@code backbeat demo} and {@code backbeat-device} both set these from
 */
public record SimulationOptions(int catCowCycles, double timeScale, long seed) {

    public static final SimulationOptions DEFAULTS = new SimulationOptions(8, 1.0, 1L);

    public SimulationOptions {
        if (catCowCycles < 1 || catCowCycles > 1000) {
            throw new IllegalArgumentException("--cycles must be 1..1000, was " + catCowCycles);
        }
        if (!(timeScale >= 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("--time-scale must be 0 (as fast as possible) or a positive number, was " + timeScale);
        }
    }
}
