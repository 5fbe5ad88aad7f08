#!/usr/bin/env bash
# check-install.sh BUILD_DIR [PREFIX]: installs a built tree (cmake --install BUILD_DIR [--prefix PREFIX]) and
# uses the installed tree as a user does, in a clean environment (env -i PATH=/usr/bin:/bin HOME=$HOME: no
# JAVA_HOME, no PYTHONPATH, no TN4J_* variable; Java is found by itself):
#   1. tests/consumer-cmake, an external CMake project, finds it with find_package(TensorNet4j CONFIG) and
#      computes caffeine with tn-small through the C ABI: energy and forces equal TorchMD-Net's reference;
#   2. /usr/bin/python3 imports openmm and openmmtensornet4j and computes energies in Contexts
#      (check_python.py): caffeine equal to the reference on every platform, the shipped default model;
#      and caffeine through the ASE calculator tensornet4j.ase on the installed library.
# Without PREFIX: the default prefix (/usr/local); the kernels go to OpenMM's plugin directory, which
# `import openmm` loads, and the module to the dist-packages that /usr/bin/python3 reads: no variable at
# all. With PREFIX: the kernels stay in PREFIX/lib/plugins (the module loads them itself) and the one
# variable set is PYTHONPATH=PREFIX/<module directory>, as a user of a prefix install sets it.
# Work files go to a temporary directory, removed at the end.
set -euo pipefail
build="$(readlink -f "$1")"
prefix="${2:-}"
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(dirname "$(dirname "$here")")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
clean=(env -i PATH=/usr/bin:/bin HOME="$HOME")

echo "== cmake --install $build ${prefix:+--prefix $prefix}"
cmake --install "$build" ${prefix:+--prefix "$prefix"} >"$work/install.log" || { cat "$work/install.log"; exit 1; }
grep -c "Installing\|Up-to-date" "$work/install.log" | sed 's/^/files: /'
installed_prefix="${prefix:-$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")}"

echo "== external CMake project against $installed_prefix"
"${clean[@]}" cmake -S "$root/tests/consumer-cmake" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$installed_prefix" \
  -DCMAKE_BUILD_TYPE=Release >"$work/consumer.log" 2>&1 || { cat "$work/consumer.log"; exit 1; }
"${clean[@]}" cmake --build "$work/consumer" >>"$work/consumer.log" 2>&1 || { cat "$work/consumer.log"; exit 1; }
"${clean[@]}" "$work/consumer/consumer" "$root/tests/fixtures/tensornet/tn-small.ckpt" \
  "$root/tests/fixtures/tensornet/tn-small__caffeine.json"

python_env=()
loader=openmm
if [[ -n "$prefix" ]]; then
  python_dir="$(sed -n 's/^TN4J_PYTHON_INSTALL_DIR:PATH=//p' "$build/CMakeCache.txt")"
  [[ "$python_dir" == /* ]] || python_dir="$prefix/$python_dir"
  python_env=(PYTHONPATH="$python_dir")
  loader=module
fi
echo "== /usr/bin/python3 ${python_env[*]}"
# From a directory holding nothing, so that only the installed module can be imported.
(cd "$work" && "${clean[@]}" "${python_env[@]}" /usr/bin/python3 "$here/check_python.py" "$root/examples" "$root/tests/fixtures" "$loader" "$build")
echo "installation checked"
