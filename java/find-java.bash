# Sourced by the launchers (./tn4j, java/bench/run): tn4j_find_java finds the Java 17+ runtime to run, in the
# order the native host uses (native/src/JavaDiscovery.cpp): JAVA_HOME if set (the user's choice: when it is
# unusable that is the error); else the java on PATH, symlinks resolved; else /usr/lib/jvm/default-java;
# else the runtime recorded when this checkout was built (RECORD_FILE, written by the launcher).
# Usage: tn4j_find_java RECORD_FILE [DEFAULT_JAVA]  (DEFAULT_JAVA: for tests)
# Sets tn4j_java_home and tn4j_java (its bin/java); when nothing is usable, prints every place tried and
# the fix to stderr and returns 1.

# Prints why HOME is not a usable Java 17+ runtime; nothing when it is.
tn4j_java_problem() {
  local home="$1" version major
  if [[ ! -d "$home" ]]; then echo "does not exist"; return; fi
  if [[ ! -x "$home/bin/java" ]]; then echo "no executable $home/bin/java"; return; fi
  version="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" 2>/dev/null || true)"
  major="${version%%.*}"
  [[ "$major" != 1 ]] || { major="${version#1.}"; major="${major%%.*}"; }  # 1.8 is Java 8
  if [[ "$major" =~ ^[0-9]+$ ]] && ((major < 17)); then echo "it is Java $major, tensornet4j needs 17+"; fi
}

tn4j_find_java() {
  local record="$1" default_java="${2:-/usr/lib/jvm/default-java}" problem java home recorded=""
  local fix="Fix: set JAVA_HOME to a JDK 17+ (e.g. /usr/lib/jvm/java-17-openjdk-amd64) or install one (Debian/Ubuntu: apt install openjdk-17-jdk-headless)"
  if [[ -n "${JAVA_HOME:-}" ]]; then
    problem="$(tn4j_java_problem "$JAVA_HOME")"
    if [[ -n "$problem" ]]; then
      echo "tn4j: error: JAVA_HOME=$JAVA_HOME is not a usable Java runtime: $problem. $fix, or unset JAVA_HOME to let tn4j find Java (the java on PATH, $default_java, the one this checkout was built with)" >&2
      return 1
    fi
    tn4j_java_home="$JAVA_HOME"
    tn4j_java="$JAVA_HOME/bin/java"
    return 0
  fi
  local tried=("JAVA_HOME: not set")
  if java="$(command -v java)"; then
    home="$(dirname "$(dirname "$(readlink -f "$java")")")"
    problem="$(tn4j_java_problem "$home")"
    if [[ -z "$problem" ]]; then
      tn4j_java_home="$home"
      tn4j_java="$home/bin/java"
      return 0
    fi
    tried+=("java on PATH: $java is $(readlink -f "$java"), whose runtime $home: $problem")
  else
    tried+=("java on PATH: no java on PATH ($PATH)")
  fi
  [[ ! -f "$record" ]] || recorded="$(<"$record")"
  local label
  for label in "the default runtime" "the runtime this checkout was built with"; do
    home="$default_java"
    [[ "$label" == "the default runtime" ]] || home="$recorded"
    if [[ -z "$home" ]]; then
      tried+=("$label: none recorded in $record")
      continue
    fi
    problem="$(tn4j_java_problem "$home")"
    if [[ -z "$problem" ]]; then
      tn4j_java_home="$home"
      tn4j_java="$home/bin/java"
      return 0
    fi
    tried+=("$label $home: $problem")
  done
  local joined
  joined="$(printf '%s; ' "${tried[@]}")"
  echo "tn4j: error: no Java 17+ runtime found; tried ${joined%; }. $fix" >&2
  return 1
}
