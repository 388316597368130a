// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

/**
 * SIGTERM and SIGINT for {@code backbeat-device serve}: instead of the JVM's default (run the
 * shutdown hooks and exit 143 or 130), they ask the service to end its session and return, so it
 * exits 0 through the normal path with everything closed. {@code sun.misc.Signal} is the JDK's
 * supported-if-unsupported way ({@code jdk.unsupported}); where it is missing, a shutdown hook asks
 * the same and waits for the service, and the exit status is then the JVM's.
 */
final class TerminationSignals {

    private TerminationSignals() {
    }

    /**
     * Runs {@code stop} on SIGTERM or SIGINT. {@code finished} is awaited by the fallback shutdown
     * hook so the session is closed before the JVM halts.
     */
    static void onTerminate(Runnable stop, java.util.concurrent.CountDownLatch finished) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> stop.run());
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> stop.run());
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError unavailable) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.run();
                try {
                    finished.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }, "serve-shutdown"));
        }
    }
}
