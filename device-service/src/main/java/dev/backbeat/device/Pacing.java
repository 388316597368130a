// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

/** When the device service polls the strap, and how far the session has got. */
interface Pacing {

    /** Waits until the next poll is due, but not past {@code endSeconds} of session time. */
    void awaitNextPoll(double endSeconds) throws InterruptedException;

    /** Session time reached, seconds. */
    double elapsedSeconds();
}
