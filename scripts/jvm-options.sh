# shellcheck shell=bash
# JVM options by command, shared by the launchers and the benchmarks that measure those commands.

# backbeat_service_jvm_options <command>: prints the options for a `backbeat` command.
# sync, broker and demo move bytes between sockets and SQLite: in their first seconds the C2
# compiler's work costs more processor time than its faster code gains on this 2-core class of
# machine, so they run with the C1 compiler only (-XX:TieredStopAtLevel=1). Measured on the sync
# backlog (bench/sync-backlog, 70 sessions from a cold start, medians of 5): 8.6 s instead of 9.4 s, and 11 s of
# processor time instead of 14 s. The analysis commands (analyze, fuse, ...) keep C2: their
# numeric loops need it.
backbeat_service_jvm_options() {
  case "${1:-}" in
    sync | broker | demo) echo "-XX:TieredStopAtLevel=1" ;;
  esac
}
