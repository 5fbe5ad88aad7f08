#!/bin/bash
# Runs a tn4j-lammps command that must fail as a LAMMPS error does: non-zero exit status, and the
# expected "ERROR: ..." line on the screen and in the log file (LAMMPS's -log, into a temporary file).
#   expect_error.sh 'REGEX' COMMAND [ARGS...]      (the command gets -log FILE appended)
set -u
expected=$1
shift
log=$(mktemp)
trap 'rm -f "$log"' EXIT
output=$("$@" -log "$log" 2>&1)
status=$?
echo "$output" | tail -n 15
if [ "$status" -eq 0 ]; then echo "FAIL: exit status 0, expected an error"; exit 1; fi
if ! grep -Eq "$expected" <<<"$output"; then echo "FAIL: the output lacks /$expected/"; exit 1; fi
if ! grep -Eq "$expected" "$log"; then echo "FAIL: the log file lacks /$expected/"; exit 1; fi
echo "PASS: exit status $status and /$expected/ on the screen and in the log"
