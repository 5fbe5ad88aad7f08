#!/usr/bin/env bash
# java/find-java.bash (sourced by ./tn4j and java/bench/run): which Java runtime the launchers run, in a
# clean environment over fake runtimes (a bin/java and a release file each; no JVM is started): JAVA_HOME,
# the java on PATH through symlinks, default-java, the recorded one; Java < 17 passed over; the error
# listing every place tried and the fix.
# Usage: test_find_java.sh PATH/TO/find-java.bash
set -euo pipefail
find_java="$(readlink -f "$1")"
# shellcheck source=tests/launcher/expect.bash
source "$(dirname "${BASH_SOURCE[0]}")/expect.bash"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

fake_runtime() {  # fake_runtime DIR MAJOR
  mkdir -p "$1/bin"
  printf '#!/bin/sh\necho fake\n' >"$1/bin/java"
  chmod +x "$1/bin/java"
  echo "JAVA_VERSION=\"$2.0.1\"" >"$1/release"
}
fake_runtime "$tmp/jdk17" 17
fake_runtime "$tmp/jdk21" 21
fake_runtime "$tmp/jdk11" 11
# The tools the function uses, without any java: PATH in each case is this directory plus the case's own.
mkdir "$tmp/tools" "$tmp/path17" "$tmp/path11" "$tmp/alternatives"
for tool in sed readlink dirname; do ln -s "$(command -v "$tool")" "$tmp/tools/$tool"; done
ln -s "$tmp/jdk17/bin/java" "$tmp/alternatives/java"  # /usr/bin/java -> /etc/alternatives/java -> JDK
ln -s "$tmp/alternatives/java" "$tmp/path17/java"
ln -s "$tmp/jdk11/bin/java" "$tmp/path11/java"
echo "$tmp/jdk21" >"$tmp/record21"

# Prints "found HOME" or "error: MESSAGE": tn4j_find_java RECORD DEFAULT_JAVA in an environment holding only
# PATH=tools[:EXTRA] and the NAME=VALUE arguments.
found() {  # found EXTRA_PATH RECORD DEFAULT_JAVA [NAME=VALUE...]
  local extra="$1" record="$2" default_java="$3"
  shift 3
  env -i PATH="$tmp/tools${extra:+:$extra}" "$@" "$BASH" -c 'set -euo pipefail; source "$1"
    if tn4j_find_java "$2" "$3" 2>"$4/stderr"; then echo "found $tn4j_java_home ($tn4j_java)"; else echo "error: $(<"$4/stderr")"; fi' \
    bash "$find_java" "$record" "$default_java" "$tmp"
}

expect_error() {  # expect_error WHAT ACTUAL FRAGMENT...
  local what="$1" actual="$2" fragment
  shift 2
  for fragment in "$@"; do
    if [[ "$actual" == error:* && "$actual" == *"$fragment"* ]]; then
      echo "ok: $what: names '$fragment'"
    else
      echo "FAILED: $what: expected an error naming '$fragment', got '$actual'"
      failures=$((failures + 1))
    fi
  done
}

none="$tmp/none"
expect "JAVA_HOME first" "found $tmp/jdk21 ($tmp/jdk21/bin/java)" "$(found "$tmp/path17" "$none" "$tmp/jdk17" JAVA_HOME="$tmp/jdk21")"
expect "the java on PATH, symlinks resolved" "found $tmp/jdk17 ($tmp/jdk17/bin/java)" "$(found "$tmp/path17" "$tmp/record21" "$tmp/jdk21")"
expect "default-java without JAVA_HOME and java on PATH" "found $tmp/jdk17 ($tmp/jdk17/bin/java)" "$(found "" "$tmp/record21" "$tmp/jdk17")"
expect "the recorded runtime last" "found $tmp/jdk21 ($tmp/jdk21/bin/java)" "$(found "" "$tmp/record21" "$none")"
expect "an empty JAVA_HOME counts as unset" "found $tmp/jdk17 ($tmp/jdk17/bin/java)" "$(found "$tmp/path17" "$none" "$none" JAVA_HOME=)"
expect "Java 11 on PATH is passed over" "found $tmp/jdk21 ($tmp/jdk21/bin/java)" "$(found "$tmp/path11" "$none" "$tmp/jdk21")"
expect_error "a JAVA_HOME that is set but unusable is the error" "$(found "$tmp/path17" "$none" "$tmp/jdk17" JAVA_HOME="$tmp/nope")" \
  "JAVA_HOME=$tmp/nope is not a usable Java runtime: does not exist" "set JAVA_HOME to a JDK 17+" "unset JAVA_HOME"
expect_error "JAVA_HOME pointing at Java 11" "$(found "" "$none" "$none" JAVA_HOME="$tmp/jdk11")" "it is Java 11, tensornet4j needs 17+"
expect_error "nothing found: every place tried and the fix" "$(found "$tmp/path11" "$none" "$tmp/missing-default")" \
  "JAVA_HOME: not set" "java on PATH: $tmp/path11/java is $tmp/jdk11/bin/java" "it is Java 11" \
  "the default runtime $tmp/missing-default: does not exist" "the runtime this checkout was built with: none recorded in $none" \
  "set JAVA_HOME to a JDK 17+" "openjdk-17-jdk-headless"
expect_error "no java on PATH at all" "$(found "" "$none" "$none")" "java on PATH: no java on PATH ($tmp/tools)"

# Both launchers take their runtime from the file.
root="$(dirname "$(dirname "$find_java")")"
for launcher in "$root/tn4j" "$root/java/bench/run"; do
  expect "$(basename "$launcher") sources java/find-java.bash" 1 "$(grep -c 'source .*java/find-java.bash' "$launcher")"
  expect "$(basename "$launcher") runs the java it found" 1 "$(grep -c 'exec "$tn4j_java"' "$launcher")"
done

finish
