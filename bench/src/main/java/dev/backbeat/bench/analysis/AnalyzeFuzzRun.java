// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs {@link AnalyzeFuzz} over the exports in a directory: N cases (default 1 000) spread evenly
 * over the files, then a table per mutation and the totals. Exit code 1 on any failed case (each is
 * printed with its description and kept as {@code failed-N.csv[.gz]} in the working directory).
 *
 * <p>Usage: {@code AnalyzeFuzzRun [cases=1000] [seed=1] [directory=../shared/data/sim-dev/traces]}.
 */
public final class AnalyzeFuzzRun {

    private AnalyzeFuzzRun() {
    }

    public static void main(String[] args) throws IOException {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Path sources = Path.of(args.length > 2 ? args[2] : "../shared/data/sim-dev/traces");
        List<Path> files;
        try (Stream<Path> listing = Files.list(sources)) {
            files = listing.filter(file -> file.toString().endsWith(".csv") || file.toString().endsWith(".csv.gz")).sorted().toList();
        }
        if (files.isEmpty()) {
            System.err.println("no .csv or .csv.gz exports in " + sources);
            System.exit(2);
        }
        Path work = Files.createTempDirectory("analyze-fuzz");
        AnalyzeFuzz fuzz = new AnalyzeFuzz(work);
        System.out.printf(Locale.ROOT, "%d cases over %d exports in %s, seed %d, heap limit %d MB%n", cases, files.size(),
                sources, seed, Runtime.getRuntime().maxMemory() >> 20);
        List<AnalyzeFuzz.Outcome> outcomes = new ArrayList<>();
        long started = System.nanoTime();
        int index = 0;
        for (int fileIndex = 0; fileIndex < files.size(); fileIndex++) {
            AnalyzeFuzz.Source source = AnalyzeFuzz.Source.read(files.get(fileIndex));
            int share = (int) ((long) cases * (fileIndex + 1) / files.size()) - (int) ((long) cases * fileIndex / files.size());
            for (int caseOfFile = 0; caseOfFile < share; caseOfFile++, index++) {
                AnalyzeFuzz.Outcome outcome = fuzz.run(source, new SplittableRandom(seed * 1_000_003L + index));
                outcomes.add(outcome);
                if (outcome.failed()) {
                    Path kept = keep(work, index);
                    System.out.printf(Locale.ROOT, "FAIL case %d (%s): %s; exit %d, %.0f ms, %d MB; kept as %s%n  %s%n", index,
                            outcome.description(), outcome.failure(), outcome.exitCode(), outcome.nanos() / 1e6,
                            outcome.allocatedBytes() >> 20, kept, outcome.message());
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        try (Stream<Path> left = Files.list(work)) {
            for (Path file : left.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(work);
        report(outcomes, seconds);
        System.exit(outcomes.stream().anyMatch(AnalyzeFuzz.Outcome::failed) ? 1 : 0);
    }

    private static Path keep(Path work, int index) throws IOException {
        for (String name : new String[] {"case.csv", "case.csv.gz"}) {
            if (Files.exists(work.resolve(name))) {
                Path kept = Path.of("failed-" + index + name.substring(4));
                Files.copy(work.resolve(name), kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return kept.toAbsolutePath();
            }
        }
        return null;
    }

    static void report(List<AnalyzeFuzz.Outcome> outcomes, double seconds) {
        Map<String, long[]> byMutation = new TreeMap<>();
        for (AnalyzeFuzz.Outcome outcome : outcomes) {
            for (String name : outcome.mutation().split(" \\+ ")) {
                long[] counts = byMutation.computeIfAbsent(name, key -> new long[5]);
                counts[0]++;
                counts[outcome.exitCode() == 0 ? 1 : outcome.exitCode() == 6 ? 2 : 3]++;
                counts[4] = Math.max(counts[4], outcome.nanos());
            }
        }
        System.out.printf(Locale.ROOT, "%-22s %6s %6s %6s %6s %9s%n", "mutation", "cases", "exit 0", "exit 6", "failed", "slowest");
        byMutation.forEach((name, counts) -> System.out.printf(Locale.ROOT, "%-22s %6d %6d %6d %6d %7.0f ms%n", name, counts[0],
                counts[1], counts[2], outcomes.stream().filter(outcome -> outcome.failed()
                        && List.of(outcome.mutation().split(" \\+ ")).contains(name)).count(), counts[4] / 1e6));
        long analysed = outcomes.stream().filter(outcome -> outcome.exitCode() == 0).count();
        long refused = outcomes.stream().filter(outcome -> outcome.exitCode() == 6).count();
        long namingLine = outcomes.stream().filter(AnalyzeFuzz.Outcome::refusalNamesLine).count();
        long failed = outcomes.stream().filter(AnalyzeFuzz.Outcome::failed).count();
        AnalyzeFuzz.Outcome slowest = outcomes.stream().max(java.util.Comparator.comparingLong(AnalyzeFuzz.Outcome::nanos)).orElseThrow();
        AnalyzeFuzz.Outcome largest = outcomes.stream().max(java.util.Comparator.comparingLong(AnalyzeFuzz.Outcome::allocatedBytes))
                .orElseThrow();
        long[] nanos = outcomes.stream().mapToLong(AnalyzeFuzz.Outcome::nanos).sorted().toArray();
        System.out.printf(Locale.ROOT, "%d cases in %.0f s: %d analysed (exit 0), %d refused (exit 6; %d of them naming a line),"
                        + " %d failed%n", outcomes.size(), seconds, analysed, refused, namingLine, failed);
        System.out.printf(Locale.ROOT, "time per case: median %.0f ms, 99th percentile %.0f ms, slowest %.0f ms (%s)%n",
                nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6, slowest.nanos() / 1e6, slowest.description());
        System.out.printf(Locale.ROOT, "heap limit %d MB, never exceeded (no case ran out of memory unless listed above);"
                + " most allocated by a case %d MB in total (%s)%n", Runtime.getRuntime().maxMemory() >> 20,
                largest.allocatedBytes() >> 20, largest.description());
        outcomes.stream().filter(outcome -> outcome.exitCode() == 6 && !outcome.refusalNamesLine()).map(AnalyzeFuzz.Outcome::message)
                .map(message -> message.replaceAll("^backbeat analyze: \\S+: ", "").replaceAll("[0-9.E+-]+", "#"))
                .distinct().limit(10).forEach(message -> System.out.println("  refusal without a line: " + message));
    }
}
