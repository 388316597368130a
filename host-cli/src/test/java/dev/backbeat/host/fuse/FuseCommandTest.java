// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.host.cli.ExitCodes;
import dev.backbeat.host.cli.FuseCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FuseCommandTest {

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new FuseCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void fuse_validFile_writesOutputAndReportsSamples() throws IOException {
        Path in = folder.resolve("in.csv");
        Files.writeString(in, "time_s,gyr_x,gyr_y,gyr_z,acc_x,acc_y,acc_z\n0,0,0,0,0,0,9.8\n0.01,0,0,0,0,0,9.8\n");
        Path outFile = folder.resolve("out.csv");
        assertEquals(ExitCodes.OK, run(in.toString(), "--out", outFile.toString()));
        assertTrue(out.toString().contains("2 samples"), out.toString());
        assertEquals(3, Files.readAllLines(outFile).size());
    }

    @Test
    void fuse_offline_writesOneRowPerSample() throws IOException {
        Path in = folder.resolve("in.csv");
        StringBuilder csv = new StringBuilder("time_s,gyr_x,gyr_y,gyr_z,acc_x,acc_y,acc_z,mag_x,mag_y,mag_z\n");
        for (int i = 0; i < 300; i++) {
            csv.append(i * 0.01).append(",0,0,0.1,0,0,9.8,0,20,-40\n");
        }
        Files.writeString(in, csv);
        Path outFile = folder.resolve("out.csv.gz");
        assertEquals(ExitCodes.OK, run(in.toString(), "--out", outFile.toString(), "--offline"));
        assertTrue(out.toString().contains("9D offline"), out.toString());
        assertEquals(301, ImuCsvReaderTestSupport.gzipLines(outFile));
    }

    @Test
    void fuse_badRow_exitsWithInputCodeNamingTheLineAndWritesNothing() throws IOException {
        Path in = folder.resolve("in.csv");
        Files.writeString(in, "time_s,gyr_x,gyr_y,gyr_z,acc_x,acc_y,acc_z\n0,0,0,0,0,0,9.8\n0.01,0,0,0,0,0,nan\n");
        Path outFile = folder.resolve("out.csv");
        assertEquals(ExitCodes.INPUT, run(in.toString(), "--out", outFile.toString()));
        assertTrue(err.toString().contains(":3:"), err.toString());
        assertFalse(Files.exists(outFile));
    }

    @Test
    void fuse_missingOutOrBadRate_exitsWithUsageCode() throws IOException {
        Path in = folder.resolve("in.csv");
        Files.writeString(in, "time_s,gyr_x,gyr_y,gyr_z,acc_x,acc_y,acc_z\n0,0,0,0,0,0,9.8\n");
        assertEquals(ExitCodes.USAGE, run(in.toString()));
        assertEquals(ExitCodes.USAGE, run(in.toString(), "--out", folder.resolve("o.csv").toString(), "--rate", "-5"));
    }
}
