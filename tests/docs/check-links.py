#!/usr/bin/env python3
"""Checks that every relative link in the repository's markdown files resolves: the file or folder
exists, and a #fragment names a heading of the target markdown file (GitHub's anchors).

    python3 tests/docs/check-links.py [ROOT]     (default: the repository holding this script)

Web links (http:, https:, mailto:) are not fetched. Code blocks and inline code are skipped. Exits 1
listing every broken link as FILE:LINE: target (why), 0 when all resolve.
"""
import os
import re
import sys

SKIP_DIRS = {".git", "build", "target", "node_modules", "__pycache__", ".gpu"}
LINK = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+\1")


def markdown_files(root):
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if d not in SKIP_DIRS and not d.startswith("build"))
        for name in sorted(files):
            if name.endswith(".md"):
                yield os.path.join(directory, name)


def prose_lines(path, keep_inline_code=False):
    """(line number, text) of the lines outside fenced code blocks, inline code removed unless asked to keep it
    (headings keep theirs: GitHub's anchor of "## `tn4j run`" is "tn4j-run")."""
    fence = None
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            stripped = line.lstrip()
            marker = stripped[:3]
            if marker in ("```", "~~~"):
                if fence is None:
                    fence = marker
                elif marker == fence:
                    fence = None
                continue
            if fence is None:
                yield number, line if keep_inline_code else INLINE_CODE.sub("", line)


def slug(heading):
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"`([^`]*)`", r"\1", heading)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path, cache={}):
    if path not in cache:
        seen, found = {}, set()
        for _, line in prose_lines(path, keep_inline_code=True):
            m = HEADING.match(line)
            if m:
                base = slug(m.group(1))
                n = seen.get(base, 0)
                seen[base] = n + 1
                found.add(base if n == 0 else f"{base}-{n}")
        with open(path, encoding="utf-8") as f:  # explicit anchors: <a name="x"> / id="x"
            found.update(re.findall(r"<a\s+(?:name|id)=\"([^\"]+)\"", f.read()))
        cache[path] = found
    return cache[path]


def check(path, target):
    """None when target (as written in path) resolves, else why not."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
        return None  # http:, https:, mailto: ... are not checked here
    file_part, _, fragment = target.partition("#")
    resolved = path if not file_part else os.path.normpath(os.path.join(os.path.dirname(path), file_part))
    if not os.path.exists(resolved):
        return "no such file"
    if fragment and resolved.endswith(".md") and os.path.isfile(resolved):
        if fragment.lower() not in anchors(resolved):
            return f"no heading #{fragment} in {os.path.relpath(resolved)}"
    return None


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))
    os.chdir(root)
    broken, checked = [], 0
    for path in markdown_files("."):
        for number, line in prose_lines(path):
            targets = [m.group(1) for m in LINK.finditer(line)]
            m = REFERENCE.match(line)
            if m:
                targets.append(m.group(1))
            for target in targets:
                checked += 1
                why = check(path, target)
                if why:
                    broken.append(f"{os.path.relpath(path)}:{number}: {target} ({why})")
    for line in broken:
        print(line, file=sys.stderr)
    print(f"{checked} links checked, {len(broken)} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
