// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.device.DeviceService;
import dev.backbeat.device.DeviceSettings;
import dev.backbeat.device.SimulationOptions;
import dev.backbeat.device.config.DeviceConfigurationFile;
import dev.backbeat.hardware.sim.Routine;
import dev.backbeat.host.store.SessionStore;
import java.nio.file.Path;

/**
 * A host store holding sessions the device service recorded on the simulated strap (the drivers on
 * the register-level simulated chips, as fast as possible), stored as {@code backbeat sync} stores
 * a received session.
 */
final class SimulatedStore {

    private SimulatedStore() {
    }

    /** Records one session of {@code cycles} cat-cow cycles with noise seed {@code seed} into the store in {@code storeDirectory}. */
    static RecordedSession record(Path storeDirectory, Path deviceDirectory, int cycles, long seed) throws Exception {
        return record(storeDirectory, deviceDirectory, Routine.catCow(cycles), seed);
    }

    /** Records {@code routine} (e.g. {@link dev.backbeat.hardware.sim.Routines#mixedTenMinutes()}) into the store. */
    static RecordedSession record(Path storeDirectory, Path deviceDirectory, Routine routine, long seed) throws Exception {
        DeviceService device = new DeviceService(DeviceSettings.defaults(deviceDirectory), line -> { });
        DeviceService.Recording recording = device.runSimulatedSession(DeviceConfigurationFile.defaults(deviceDirectory),
                new SimulationOptions(1, 0, seed), routine);
        // the strap's session carries its analysis; its samples are in the outbox's chunks
        RecordedSession session = recording.sessionWithSamples();
        try (SessionStore store = SessionStore.open(storeDirectory, true)) {
            store.store(session, dev.backbeat.core.session.SessionCodec.encode(session));
        }
        return session;
    }
}
