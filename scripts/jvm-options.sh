# shellcheck shell=bash
# JVM options by command, shared by the launchers and the benchmarks that measure those commands.

# backbeat_service_jvm_options <command>: prints the options for a `backbeat` command.
# sync, broker and demo move bytes between sockets and SQLite: in their first seconds the C2
# compiler's work costs more processor time than its faster code gains on this 2-core class of
# machine, so they run with the C1 compiler only (-XX:TieredStopAtLevel=1). Measured on the sync
# backlog (bench/sync-backlog, 70 sessions from a cold start, medians of 5): 8.6 s instead of 9.4 s, and 11 s of
# processor time instead of 14 s.
# analyze runs for a second or a few: C2 compiled for 3-5 s (JFR; machine loaded) the reader, the
# orientation filter and the rhythm detector (about 140 methods, each up to 1.2 s) while the
# analysis ran in slower profiled C1 code, so analyze runs with C1 only too. Measured on a 10-minute
# two-sensor 200 Hz recording (bench/analyze-timing): 1.4-1.5 s of processor time a run instead of
# 2.5-2.7 s (bench/README.md); on 60 minutes C1 alone still used less (5.5-6.1 s against 6.5-7.9 s).
# The results are the same to the bit (Java's arithmetic is strict; the sim-dev outputs were
# compared). The other commands keep the default.
backbeat_service_jvm_options() {
  case "${1:-}" in
    sync | broker | demo | analyze) echo "-XX:TieredStopAtLevel=1" ;;
  esac
}

# backbeat_class_archive_options <archive file> <files and directories it is made from...>: prints
# the options that keep the classes a run loads (and its lambda forms) in a class-data archive
# (AppCDS, JDK 19+): the first run writes the archive as it exits (about a second more, once), later
# runs map it instead of loading, verifying and linking the same classes again. The JVM does not
# replace an archive whose jars have changed (JDK 25: it warns on every start and runs without it),
# so an archive older than any of the given files is deleted here first, and so is a file that does
# not start as a dynamic archive (0xf00baba8; e.g. a run killed while writing it). One option a line
# (the path may hold spaces); nothing if the archive's directory cannot be made.
# `backbeat analyze` uses it (bench/analyze-timing: about 0.1 s less from the JVM's start to the
# analysis done, and 0.1 s less processor time, on the 10-minute recording; see bench/README.md).
backbeat_class_archive_options() {
  local archive=$1
  shift
  mkdir -p "$(dirname "$archive")" 2>/dev/null && [ -w "$(dirname "$archive")" ] || return 0
  if [ -e "$archive" ]; then
    case "$(od -An -tx1 -N4 "$archive" 2>/dev/null | tr -d ' \n')" in
      a8ab0bf0 | f00baba8) ;;
      *) rm -f "$archive" ;;
    esac
  fi
  if [ -e "$archive" ] && [ $# -gt 0 ] && [ -n "$(find "$@" -newer "$archive" -print 2>/dev/null | head -n 1)" ]; then
    rm -f "$archive"
  fi
  printf '%s\n' -XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=$archive" -Xlog:cds=off -Xlog:cds+dynamic=off
}
