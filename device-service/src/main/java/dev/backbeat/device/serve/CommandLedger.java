// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.serve;

import dev.backbeat.mqtt.DurableFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The ids of the host commands this strap has handled, newest {@value #REMEMBERED} of them, in
 * {@value #FILE_NAME} in the data directory (one a line, replaced whole and forced to disk on each
 * new one). A command stays retained on the broker while the host waits for the answer, so it
 * arrives again after a reconnect or a restart; an id found here is not carried out twice, and a
 * recorded signed command published again later (a replay) does nothing either.
 */
public final class CommandLedger {

    public static final String FILE_NAME = "commands-handled";
    /** How many ids are remembered. */
    public static final int REMEMBERED = 1024;

    private final Path file;
    private final Deque<String> ids = new ArrayDeque<>();

    private CommandLedger(Path file) {
        this.file = file;
    }

    /** The ledger of {@code dataDirectory} (empty if there is none yet). */
    public static CommandLedger open(Path dataDirectory) throws IOException {
        CommandLedger ledger = new CommandLedger(dataDirectory.resolve(FILE_NAME));
        try {
            List<String> lines = Files.readAllLines(ledger.file, StandardCharsets.UTF_8);
            for (String line : lines) {
                if (!line.isBlank()) {
                    ledger.ids.addLast(line.strip());
                }
            }
        } catch (NoSuchFileException none) {
            // the first command ever
        }
        return ledger;
    }

    /** Whether {@code commandId} was handled before. */
    public synchronized boolean handled(String commandId) {
        return ids.contains(commandId);
    }

    /** Notes {@code commandId} as handled, durably. */
    public synchronized void note(String commandId) throws IOException {
        if (ids.contains(commandId)) {
            return;
        }
        ids.addLast(commandId);
        while (ids.size() > REMEMBERED) {
            ids.removeFirst();
        }
        DurableFile.replace(file, (String.join("\n", ids) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
