# shellcheck shell=bash
# Sourced by ./build, ./backbeat and ./backbeat-device.
# Finds a JDK 21 or newer and exports JAVA_HOME to it; looks, in order, at
# $JAVA_HOME, the `java` on PATH, macOS's java_home, and every JDK under /usr/lib/jvm
# (or /Library/Java/JavaVirtualMachines), newest first.
# If none is found it prints exactly what to install and returns 1.

backbeat_required_java=21

# Prints the feature version (17, 21, 25, ...) of the java binary in $1, or nothing. Read from the
# JDK's release file when there is one (JAVA_VERSION="25.0.3"): starting each candidate java to ask
# it took 0.1-0.2 s a JDK, 0.7 s of every ./backbeat run on a machine with four JDKs.
backbeat_java_feature_version() {
  local version="" release
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$release" | head -n 1)
  fi
  if [ -z "$version" ]; then
    version=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)
  fi
  case "$version" in
    1.*) echo "${version#1.}" | cut -d. -f1 ;;
    *) echo "$version" | cut -d. -f1 ;;
  esac
}

# Succeeds when $1 is a JDK home (has javac) whose java is at least the required version.
backbeat_is_usable_jdk() {
  local home=$1 feature
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  feature=$(backbeat_java_feature_version "$home/bin/java")
  [ -n "$feature" ] && [ "$feature" -ge "$backbeat_required_java" ] 2>/dev/null
}

backbeat_find_jdk() {
  local candidate java_on_path
  if [ -n "${JAVA_HOME:-}" ] && backbeat_is_usable_jdk "$JAVA_HOME"; then
    export JAVA_HOME
    return 0
  fi
  if java_on_path=$(command -v java 2>/dev/null); then
    candidate=$(dirname "$(dirname "$(readlink -f "$java_on_path")")")
    if backbeat_is_usable_jdk "$candidate"; then
      export JAVA_HOME=$candidate
      return 0
    fi
  fi
  # macOS: the system's own JDK finder
  if [ -x /usr/libexec/java_home ] && candidate=$(/usr/libexec/java_home -v "${backbeat_required_java}+" 2>/dev/null) \
      && backbeat_is_usable_jdk "$candidate"; then
    export JAVA_HOME=$candidate
    return 0
  fi
  # Newest first: sort by the feature version each JDK reports.
  local best="" best_feature=0 feature
  for candidate in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] && [ ! -L "$candidate" ] || continue
    backbeat_is_usable_jdk "$candidate" || continue
    feature=$(backbeat_java_feature_version "$candidate/bin/java")
    if [ "$feature" -gt "$best_feature" ]; then
      best=$candidate
      best_feature=$feature
    fi
  done
  if [ -n "$best" ]; then
    export JAVA_HOME=$best
    return 0
  fi
  cat >&2 <<MESSAGE
backbeat: no JDK ${backbeat_required_java} or newer found (looked at JAVA_HOME, 'java' on PATH and /usr/lib/jvm/*).
  macOS:                               brew install openjdk@21 (or Temurin 21 from https://adoptium.net)
  Debian 13 / Raspberry Pi OS Trixie:  sudo apt-get install -y openjdk-21-jdk-headless
  Debian 12 / other systems:           install Eclipse Temurin 21 (https://adoptium.net), then set JAVA_HOME to it
MESSAGE
  return 1
}
