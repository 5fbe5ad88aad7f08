# Sourced by the launcher tests: expect WHAT EXPECTED ACTUAL prints ok or FAILED and counts failures;
# finish reports and exits 1 when any failed.
failures=0

expect() {
  if [[ "$2" == "$3" ]]; then
    echo "ok: $1"
  else
    echo "FAILED: $1: expected '$2', got '$3'"
    failures=$((failures + 1))
  fi
}

finish() {
  if ((failures > 0)); then
    echo "$failures failed"
    exit 1
  fi
  echo "all passed"
}
