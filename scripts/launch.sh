# shellcheck shell=bash
# Sourced by ./backbeat and ./backbeat-device: builds the module's jar on first use
# (or when a main source, resource or pom is newer than it; tests do not count), then runs it on a JDK 21+.

# backbeat_launch <module directory> <jar name> <args...>
backbeat_launch() {
  local module=$1 jar_name=$2
  shift 2
  local root jar stale
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  # shellcheck source=scripts/find-jdk.sh
  . "$root/scripts/find-jdk.sh"
  backbeat_find_jdk || exit 1
  jar="$root/$module/target/$jar_name"
  stale=""
  if [ ! -f "$jar" ]; then
    stale="first use"
  elif [ -n "$(find "$root" -path "$root/.git" -prune -o -path '*/target' -prune -o \
              \( -path '*/src/main/*' -o -name 'pom.xml' \) -type f -newer "$jar" -print -quit)" ]; then
    stale="sources changed"
  fi
  if [ -n "$stale" ]; then
    echo "backbeat: building ($stale, about a minute the first time) ..." >&2
    if ! (cd "$root" && ./mvnw --batch-mode --quiet --no-transfer-progress -DskipTests \
            -pl "$module" -am package >"$root/target-build.log" 2>&1); then
      echo "backbeat: build failed; the last lines of $root/target-build.log:" >&2
      tail -n 30 "$root/target-build.log" >&2
      exit 1
    fi
    rm -f "$root/target-build.log"
    # Maven keeps an unchanged jar's old time: mark it built now, or it stays "stale"
    touch "$jar"
  fi
  local java_options=() feature
  feature=$(backbeat_java_feature_version "$JAVA_HOME/bin/java")
  # shellcheck source=scripts/jvm-options.sh
  . "$root/scripts/jvm-options.sh"
  if [ "$module" = host-cli ]; then
    # shellcheck disable=SC2207
    java_options+=($(backbeat_service_jvm_options "${1:-}"))
    # analyze, the broker (HiveMQ CE loads some 6 000 classes before it listens) and sync keep
    # their classes in a class-data archive of their own (bench/backlog-processes: from a cold start
    # the broker is there sooner; sync with a store listens 1.5 s after its start without one,
    # 1.1 s with one); not sync --share, of which several workers may start at once and would all
    # write the same archive as they exit; not for --help or --version, whose archive would hold
    # only the command line's classes
    local host_command=${1:-} host_argument
    for host_argument in "$@"; do
      case "$host_argument" in
        -h | --help | -V | --version) host_command="" ;;
        --share | --share=*) [ "$host_command" = sync ] && host_command="" ;;
      esac
    done
    case "$host_command" in
      analyze | broker | sync)
        # one archive per command, checkout and JDK, so two of them do not keep replacing each other's
        local key
        key=$(printf '%s\n%s\n' "$root" "$JAVA_HOME" | cksum | cut -d' ' -f1)
        local option
        while IFS= read -r option; do
          java_options+=("$option")
        done < <(backbeat_class_archive_options \
            "${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/backbeat/class-archives/$host_command-jdk$feature-$key.jsa" \
            "$jar" "$root/$module/target/lib" "$JAVA_HOME/lib/modules")
        ;;
    esac
  fi
  if [ "$module" = device ]; then
    # the service's own options, shared with the .deb launcher and bench/device-footprint
    local line
    while IFS= read -r line || [ -n "$line" ]; do
      line=${line%%#*}
      line=$(printf '%s' "$line" | tr -d '[:space:]')
      [ -n "$line" ] && java_options+=("$line")
    done <"$root/device/src/main/jvm/jvm.options"
    # at most 2 glibc malloc arenas (see jvm.options), as the .deb's launcher does
    export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
    # No class-data archive of its own classes (as analyze and broker have): the archive is mapped
    # whole and resident, and cost a publishing strap 3.2 MiB more RSS than loading the same classes
    # (bench/device-footprint --broker; bench/README.md); start to the first sample stays under a
    # second without it. The .deb's launcher has never used one.
  fi
  # HiveMQ's Guava uses sun.misc.Unsafe, which JDK 24+ warns about on every start.
  if [ "$feature" -ge 24 ]; then
    java_options+=(--sun-misc-unsafe-memory-access=allow)
  fi
  # shellcheck disable=SC2086
  # ${a[@]+"${a[@]}"}: an empty array under `set -u` on bash 3.2 (macOS) too
  exec "$JAVA_HOME/bin/java" ${java_options[@]+"${java_options[@]}"} ${BACKBEAT_JAVA_OPTS:-} -jar "$jar" "$@"
}
