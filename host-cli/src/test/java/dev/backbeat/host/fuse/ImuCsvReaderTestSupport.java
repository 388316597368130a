// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.fuse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

final class ImuCsvReaderTestSupport {

    private ImuCsvReaderTestSupport() {
    }

    static long gzipLines(Path path) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(path)), StandardCharsets.US_ASCII))) {
            return reader.lines().count();
        }
    }
}
