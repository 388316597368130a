// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import java.util.List;

/**
 * Backbeat's parts inside the embedded broker as the one extension HiveMQ's embedded mode takes:
 * started in order, stopped in reverse ({@link PairedAccessExtension} with the TLS listener,
 * {@link RetainedMessageKeeper} when retained messages are kept on disk).
 */
final class BrokerExtension implements ExtensionMain {

    private final List<ExtensionMain> parts;

    private BrokerExtension(List<ExtensionMain> parts) {
        this.parts = List.copyOf(parts);
    }

    /** The parts as HiveMQ's embedded mode takes them. */
    static EmbeddedExtension embedded(List<ExtensionMain> parts) {
        return EmbeddedExtension.builder()
                .withId("backbeat-broker")
                .withName("Backbeat broker")
                .withVersion("1")
                .withAuthor("Backbeat")
                .withPriority(1000)
                .withStartPriority(1000)
                .withExtensionMain(new BrokerExtension(parts))
                .build();
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        for (ExtensionMain part : parts) {
            part.extensionStart(input, output);
        }
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        for (ExtensionMain part : parts.reversed()) {
            part.extensionStop(input, output);
        }
    }
}
