#!/usr/bin/env python3
"""Runs the commands the documentation shows, as a reader would, and fails when one fails.

    python3 tests/docs/run-commands.py [--build DIR] [--list] [FILE.md ...]

Commands are taken from the ```sh blocks of the README, the guides (docs/*.md) and the examples' READMEs
(examples/**/README.md), and from the last column of the examples' tables ("run it"). Each file's commands run
in one bash session from the repository root, in order (so an `export` carries to the next line), with
`set -e`; `build/` and `$PWD/build` mean the CMake build directory (--build, default ROOT/build), and
PYTHONPATH names its Python module as the guides tell the reader to set it.

Not run, by rule (printed as skipped, with the reason):
  - a line whose comment says `long` or `not run` (training runs, benchmarks, 10 ps of MD);
  - installing and building (`sudo`, `apt-get`, `cmake`): the build under test is already there, and
    tests/install/check-install.sh checks installing;
  - the test scripts themselves (`tests/run-all`, `tests/consumer-maven/run`, `tests/install/...`),
    which CI runs directly;
  - commands that need an installed tensornet4j (`build-example-c/`);
  - full benchmark runs (`tn4j bench`; `tn4j bench-neighbors` with small sizes runs);
  - a command already run from an earlier file (the same text without its comment).
"""
import argparse
import glob
import os
import re
import shlex
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SKIP = [
    (re.compile(r"#.*\b(long|not run)\b"), "marked long / not run"),
    (re.compile(r"^\s*(sudo|apt-get)\b"), "installs packages"),
    (re.compile(r"(^|&&\s*)cmake\b"), "builds or installs (the build under test is used)"),
    (re.compile(r"\btests/(run-all|consumer-maven/run|install/)"), "a test script CI runs directly"),
    (re.compile(r"build-example-c/"), "needs an installed tensornet4j"),
    (re.compile(r"\btn4j bench\s"), "a full benchmark run takes minutes"),
]
RUN_CELL = re.compile(r"^(\./tn4j|/usr/bin/python3|build/|tests/|cc |c\+\+ |java |TN4J_[A-Z_]+=)")


def sh_blocks(path):
    """The lines of the ```sh blocks of a markdown file, continuation lines joined."""
    commands, block, pending = [], False, ""
    with open(path, encoding="utf-8") as f:
        for line in f:
            stripped = line.strip()
            if stripped.startswith("```"):
                block = stripped in ("```sh", "```bash") if not block else False
                continue
            if not block or not stripped:
                continue
            if stripped.endswith("\\"):
                pending += stripped[:-1] + " "
                continue
            commands.append(pending + stripped)
            pending = ""
    return commands


def table_commands(path):
    """Backticked commands in the last column of a markdown table (examples/README.md: "run it")."""
    commands = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("|") or line.startswith("|---"):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            m = re.fullmatch(r"`([^`]+)`(.*)", cells[-1]) if cells else None
            if m and RUN_CELL.match(m.group(1)):
                commands.append(m.group(1) + (f"  # {m.group(2).strip()}" if m.group(2).strip() else ""))
    return commands


def skip_reason(command):
    for pattern, reason in SKIP:
        if pattern.search(command):
            return reason
    return None


def sources():
    files = [os.path.join(ROOT, "README.md")]  # first: its quick start is what a new user runs
    files += sorted(glob.glob(os.path.join(ROOT, "docs", "*.md")))
    files += sorted(glob.glob(os.path.join(ROOT, "examples", "**", "README.md"), recursive=True))
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--list", action="store_true", help="only list what would run and what is skipped")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    files = [os.path.abspath(f) for f in args.files] or sources()
    env = dict(os.environ, PYTHONPATH=os.path.join(build, "python"))
    failures = 0
    seen = set()  # a command shown in several places runs once (the first time)
    for path in files:
        commands = sh_blocks(path)
        if os.path.relpath(path, ROOT).startswith("examples" + os.sep):
            commands += table_commands(path)
        runnable = []
        for command in commands:
            reason = skip_reason(command)
            key = command.split("  #")[0].split(" # ")[0].strip()
            if not reason and not key.startswith("export ") and key in seen:
                reason = "ran above"
            seen.add(key)
            print(f"{os.path.relpath(path, ROOT)}: {'skip (' + reason + ')' if reason else 'run'}: {command}")
            if not reason:
                runnable.append(re.sub(r"(?:(?<=-L)|(?<![\w/.-]))(\$PWD/)?build/", build + "/", command))
        if args.list or not runnable:
            continue
        # One session per file: exports carry over; the first failing command stops it (set -e).
        script = "set -euo pipefail\n" + "\n".join(f"echo {shlex.quote('+ ' + c)} >&2\n{c} >/dev/null" for c in runnable)
        started = time.time()
        result = subprocess.run(["bash", "-c", script], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        took = time.time() - started
        if result.returncode != 0:
            failures += 1
            print(f"FAILED {os.path.relpath(path, ROOT)} ({took:.0f} s): exit {result.returncode}\n{result.stderr[-4000:]}",
                  file=sys.stderr)
        else:
            print(f"ok {os.path.relpath(path, ROOT)}: {len(runnable)} commands in {took:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
