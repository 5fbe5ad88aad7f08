#!/usr/bin/env bash
# isolated.sh DIR... -- COMMAND...: runs COMMAND with each DIR overlaid by an empty writable layer in a private
# mount namespace, so that what COMMAND writes there (a 'cmake --install' to /usr/local and OpenMM's plugin
# directory) is seen by COMMAND alone and gone afterwards; the machine's own files stay as they are.
# Needs the right to create a mount namespace and overlayfs (root): exits 77 (skipped) without it.
set -euo pipefail
dirs=()
while [[ $# -gt 0 && "$1" != -- ]]; do dirs+=("$(readlink -f "$1")"); shift; done
shift
layers="$(mktemp -d)"
trap 'rm -rf "$layers"' EXIT  # after the namespace has ended: plain directories, no mount left in them
script='set -euo pipefail
layers="$1"; shift
while [[ "$1" != -- ]]; do
  mkdir -p "$layers/$2/upper" "$layers/$2/work"
  mount -t overlay overlay -o "lowerdir=$1,upperdir=$layers/$2/upper,workdir=$layers/$2/work" "$1"
  shift 2
done
shift
"$@"'
args=()
for i in "${!dirs[@]}"; do args+=("${dirs[$i]}" "layer$i"); done
if ! unshare -m --propagation private true 2>/dev/null; then
  echo "skipped: cannot create a mount namespace here (needs root)"
  exit 77
fi
unshare -m --propagation private bash -c "$script" bash "$layers" "${args[@]}" -- "$@"
