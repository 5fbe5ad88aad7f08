#!/usr/bin/env bash
# with_only_java.sh [--on-path JDK | --default-java JDK] BUILD_JDK COMMAND...
# (@SHOWN_JDK@ in COMMAND's arguments becomes the path under which JDK is shown.)
# Runs COMMAND (an absolute path) where the Java runtimes of this machine are out of sight, so that the
# host's search for Java (native/src/JavaDiscovery.cpp) can only find what the test shows it:
#   - /usr/lib/jvm (every packaged JDK, default-java) is covered by an empty tmpfs and BUILD_JDK (the JDK
#     compiled into libtensornet4j as the last resort) by an empty directory;
#   - JAVA_HOME is unset and PATH holds no java;
#   - --on-path JDK: PATH holds a java that is a chain of symlinks to JDK/bin/java (like /usr/bin/java ->
#     /etc/alternatives/java -> .../bin/java); --default-java JDK: JDK is /usr/lib/jvm/default-java.
# This happens in a private mount namespace: nothing changes outside it. Needs the right to create one
# (root; unshare -m): exits 77 (skipped) without it.
set -euo pipefail

if [[ "${TN4J_INSIDE_NAMESPACE:-}" != 1 ]]; then
  if ! unshare -m --propagation private true 2>/dev/null; then
    echo "skipped: cannot create a mount namespace here (unshare -m needs root)"
    exit 77
  fi
  tmp="$(mktemp -d)"
  status=0
  TN4J_INSIDE_NAMESPACE=1 TN4J_NAMESPACE_TMP="$tmp" unshare -m --propagation private bash "$0" "$@" || status=$?
  # The mounts ended with the namespace: only empty directories and links are left (rmdir/rm -f, never rm -r).
  rm -f "$tmp/bin/java" "$tmp/alternatives/java"
  rmdir "$tmp/bin" "$tmp/alternatives" "$tmp/jdk" "$tmp/empty" "$tmp" 2>/dev/null || true
  exit "$status"
fi

tmp="$TN4J_NAMESPACE_TMP"
mode=none
shown=""
if [[ "$1" == --on-path || "$1" == --default-java ]]; then
  mode="$1"
  shown="$(readlink -f "$2")"
  shift 2
fi
build_jdk="$(readlink -f "$1")"
shift
mkdir -p "$tmp/empty" "$tmp/jdk" "$tmp/bin" "$tmp/alternatives"
# The JDK to show, reachable under $tmp/jdk before its own directory may be covered.
[[ -z "$shown" ]] || mount --bind "$shown" "$tmp/jdk"
if [[ -d /usr/lib/jvm ]]; then mount -t tmpfs tmpfs /usr/lib/jvm; fi
if [[ -d "$build_jdk" ]]; then mount --bind "$tmp/empty" "$build_jdk"; fi
path=/nonexistent
case "$mode" in
  --on-path)
    ln -s "$tmp/jdk/bin/java" "$tmp/alternatives/java"
    ln -s "$tmp/alternatives/java" "$tmp/bin/java"
    path="$tmp/bin:/nonexistent"
    ;;
  --default-java)
    if [[ ! -d /usr/lib/jvm ]]; then echo "skipped: no /usr/lib/jvm to put default-java in"; exit 77; fi
    ln -s "$tmp/jdk" /usr/lib/jvm/default-java
    ;;
esac
command=()
for word in "$@"; do command+=("${word//@SHOWN_JDK@/$tmp/jdk}"); done
env -u JAVA_HOME -u TN4J_INSIDE_NAMESPACE -u TN4J_NAMESPACE_TMP PATH="$path" "${command[@]}"
