#!/usr/bin/env bash
# The default Maven build is CPU-only: its dependencies (every module, transitively) hold the CPU LibTorch
# natives and no GPU artifact, so neither the build nor CI downloads the 458 MB GPU jar. The cuda profile
# (-Pcuda) selects org.bytedeco:pytorch:linux-x86_64-gpu: checked offline, so a machine without that jar
# proves it from Maven's "has not been downloaded" error instead of fetching it.
#   check-maven-profiles.sh REPO_ROOT
set -uo pipefail
root=${1:?usage: check-maven-profiles.sh REPO_ROOT}
cd "$root" || exit 1
out=$(mktemp) && log=$(mktemp) && trap 'rm -f "$out" "$log"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

mvn -o -B -q dependency:list -DappendOutput=true -DoutputFile="$out" >"$log" 2>&1 \
    || { cat "$log"; fail "mvn dependency:list of the default build failed"; }
grep -q 'org.bytedeco:pytorch:jar:linux-x86_64:' "$out" || fail "the default build lacks the CPU LibTorch natives"
if grep -E -e '-gpu|org\.bytedeco:cuda' "$out"; then fail "the default build depends on GPU artifacts (above)"; fi
echo "default build: CPU LibTorch natives, no GPU artifact ($(grep -c ':compile' "$out") compile-scope entries)"

mvn -o -B -Pcuda dependency:list -pl java/core -DoutputFile="$out" >"$log" 2>&1
grep -q 'pytorch:jar:linux-x86_64-gpu' "$log" "$out" || { tail -20 "$log"; fail "-Pcuda does not select org.bytedeco:pytorch:linux-x86_64-gpu"; }
echo "-Pcuda: selects org.bytedeco:pytorch:linux-x86_64-gpu"
