package dev.backbeat.device;

/** When the device service polls the strap, and how far the session has got. */
interface Pacing {

    /** Waits until the next poll is due. */
    void awaitNextPoll() throws InterruptedException;

    /** Session time reached, seconds. */
    double elapsedSeconds();
}
