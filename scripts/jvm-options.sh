# shellcheck shell=bash
# JVM options by command, shared by the launchers and the benchmarks that measure those commands.

# backbeat_service_jvm_options <command>: prints the options for a `backbeat` command.
# sync, broker and demo move bytes between sockets and SQLite: in their first seconds the C2
# compiler's work costs more processor time than its faster code gains on this 2-core class of
# machine, so they run with the C1 compiler only (-XX:TieredStopAtLevel=1). Measured on the sync
# backlog (bench/sync-backlog, 70 sessions from a cold start, medians of 5): 8.6 s instead of 9.4 s, and 11 s of
# processor time instead of 14 s.
# analyze runs for a second or a few: C2 compiled for 3-5 s (JFR; machine loaded) the reader, the
# orientation filter and the rhythm detector (about 140 methods, each up to 0.8 s) while the
# analysis ran in slower profiled C1 code, so analyze runs with C1 only too. Measured on a 10-minute
# two-sensor 200 Hz recording (bench/analyze-timing): see bench/README.md; on 60 minutes C1 alone
# still used less processor time (6.1 s against 7.4 s). The results are the same to the bit (Java's
# arithmetic is strict; the sim-dev outputs were compared). The other commands keep the default.
backbeat_service_jvm_options() {
  case "${1:-}" in
    sync | broker | demo | analyze) echo "-XX:TieredStopAtLevel=1" ;;
  esac
}
