// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.testing;

import dev.backbeat.host.faults.MosquittoProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Tests as a machine without Mosquitto runs them ({@code backbeat.mosquitto} names a missing
 * binary): run only by {@link SkippedTestsBannerTest} through the launcher (its name is not one
 * surefire or failsafe picks up).
 */
class MosquittoMissingFixture {

    @Test
    void brokerKilled_sessionsSurvive() throws Exception {
        new MosquittoProcess(Path.of("unused"), 1, "").start();
    }

    @Test
    void brokerRestarted_sessionsSurvive() throws Exception {
        new MosquittoProcess(Path.of("unused"), 1, "").start();
    }

    @Test
    void withoutBroker_passes() {
    }
}
