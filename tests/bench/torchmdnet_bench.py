#!/usr/bin/env python3
"""TorchMD-Net and tensornet4j side by side on the same structures, in one run (docs/benchmarks.md).

Run through tests/bench/torchmdnet.sh, whose header says how to get TorchMD-Net's source. For each model
and structure it times TorchMD-Net (in this process) and then `./tn4j bench` (a child process) back to
back, round after round, checks with `./tn4j eval` that both compute the same energy and forces, and
prints a markdown table per model: median and minimum ms per call and the ratio tn4j / TorchMD-Net
(below 1: tensornet4j is faster).

TorchMD-Net is measured as in tests/fixtures/benchmarks/cpu-baseline.md: `load_model(ckpt,
derivative=True)`, eval(), the checkpoint's precision, `torch.set_num_threads(--threads)`, its pure-PyTorch
TensorNet path; one call = neighbour list + energy + forces by autograd. By default it runs in the process
environment ./tn4j gives LibTorch (java/process-env.bash, passive OpenMP waiting above all): with spinning
OpenMP threads, on a machine other processes share, TorchMD-Net's alanine dipeptide call took 60-1400 ms
instead of 26 ms, which would make any ratio meaningless. What TorchMD-Net imports but this
machine lacks is replaced inside this process only (never installed, never written to its source), each
replacement is listed in the report; see install_stand_ins().
"""

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import types
import warnings
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
TN4J = ROOT / "tn4j"
# Elements of TorchMD-Net's benchmark structures (and a few more); the PDB element column is read.
ATOMIC_NUMBERS = {"H": 1, "C": 6, "N": 7, "O": 8, "F": 9, "Na": 11, "Mg": 12, "P": 15, "S": 16, "Cl": 17,
                  "K": 19, "Ca": 20, "Fe": 26, "Zn": 30, "Br": 35, "I": 53}
# Rows of tn4j and TorchMD-Net whose energies differ by more than this (relative) are flagged and
# make the run fail: the comparison would not be of the same computation.
ENERGY_RTOL = 1e-4


def fail(message):
    print(f"torchmdnet_bench: error: {message}", file=sys.stderr)
    sys.exit(2)


def progress(message):
    print(f"torchmdnet_bench: {message}", file=sys.stderr, flush=True)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--torchmdnet-src", default=os.environ.get("TORCHMDNET_SRC"),
                   help="TorchMD-Net source checkout (the folder holding torchmdnet/); default: $TORCHMDNET_SRC")
    p.add_argument("--models", nargs="+", default=["tn-bench", "tn2-bench"],
                   help="checkpoints: names in tests/fixtures/tensornet or paths (default: tn-bench tn2-bench)")
    p.add_argument("--systems", nargs="+", default=["alanine_dipeptide", "chignolin", "dhfr"],
                   help="structures: names in tests/fixtures/systems or .pdb paths"
                        " (default: alanine_dipeptide chignolin dhfr; testosterone, factorIX also exist)")
    p.add_argument("--repeats", type=int, default=5, help="timed calls per tool and round (default: 5)")
    p.add_argument("--warmup", type=int, default=3,
                   help="untimed calls first, per tool and round (default: 3, as tn4j bench)")
    p.add_argument("--rounds", type=int, default=1,
                   help="times to run both tools back to back on each structure; calls are pooled (default: 1)")
    p.add_argument("--threads", type=int, default=2, help="TorchMD-Net's torch.set_num_threads (default: 2)")
    p.add_argument("--charge", type=float, default=0.0,
                   help="total charge of every structure, given to both tools (TensorNet2 needs it; default: 0)")
    p.add_argument("--torchmdnet-env", choices=["tn4j", "default"], default="tn4j",
                   help="TorchMD-Net's process environment: tn4j = the one ./tn4j gives LibTorch"
                        " (java/process-env.bash: passive OpenMP waiting, malloc and huge-page settings), default ="
                        " as inherited (OpenMP threads spin: on a busy machine calls can take 10x longer) (default: tn4j)")
    p.add_argument("--output", help="write the report to this file (default: stdout)")
    p.add_argument("--before", metavar="CHECKOUT",
                   help="also time the tn4j of another checkout (e.g. an earlier commit, built) in every round,"
                        " after this one's: columns 'before' and 'after/before'")
    a = p.parse_args()
    if not a.torchmdnet_src:
        fail("no TorchMD-Net source: pass --torchmdnet-src DIR or set TORCHMDNET_SRC"
             " (tests/bench/torchmdnet.sh says how to get it)")
    for name in ("repeats", "rounds", "threads"):
        if getattr(a, name) < 1:
            fail(f"--{name} must be at least 1, not {getattr(a, name)}")
    if a.warmup < 0:
        fail(f"--warmup must be 0 or more, not {a.warmup}")
    return a


def fixture(name, folder, suffix):
    """A fixture by short name (tn-bench, dhfr) or a path as given."""
    path = Path(name)
    if path.suffix != suffix:
        path = FIXTURES / folder / f"{name}{suffix}"
    if not path.is_file():
        fail(f"{path} does not exist (give a name from {FIXTURES / folder} or a {suffix} file)")
    return path.resolve()


def read_pdb(path):
    """Atomic numbers (element columns 77-78) and positions (Å) of the ATOM/HETATM records of the first model."""
    z, pos = [], []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if line.startswith("ENDMDL"):
            break
        if not line.startswith(("ATOM", "HETATM")):
            continue
        element = line[76:78].strip().capitalize()
        if element not in ATOMIC_NUMBERS:
            fail(f"{path}:{number}: element '{element}' is not in this script's table; add it to ATOMIC_NUMBERS")
        z.append(ATOMIC_NUMBERS[element])
        pos.append([float(line[30:38]), float(line[38:46]), float(line[46:54])])
    if not z:
        fail(f"{path} has no ATOM/HETATM records")
    return z, pos


PROCESS_ENV = ROOT / "java" / "process-env.bash"
PROCESS_ENV_MARK = "TN4J_SIDE_BY_SIDE_ENV"  # set once this process runs in ./tn4j's environment
PROCESS_ENV_VARIABLES = ("OMP_WAIT_POLICY", "THP_MEM_ALLOC_ENABLE", "GLIBC_TUNABLES")


def use_tn4j_process_env(choice):
    """Restarts this script in the environment ./tn4j gives its JVM, so that both run under the same settings.

    They are read when the libraries load or the process starts, hence a restart before torch is imported.
    """
    if choice != "tn4j" or os.environ.get(PROCESS_ENV_MARK):
        return
    dump = subprocess.run(["bash", "-c", f'source "{PROCESS_ENV}" && env -0'], capture_output=True, check=True).stdout
    env = dict(entry.split("=", 1) for entry in dump.decode().split("\0") if "=" in entry)
    env[PROCESS_ENV_MARK] = "1"
    os.execve(sys.executable, [sys.executable, str(Path(__file__).resolve()), *sys.argv[1:]], env)


def process_env_line(choice):
    settings = ", ".join(f"{name}={os.environ[name]}" for name in PROCESS_ENV_VARIABLES if name in os.environ)
    which = "the one ./tn4j uses (java/process-env.bash)" if choice == "tn4j" else "inherited (--torchmdnet-env default)"
    return f"- TorchMD-Net's process environment: {which}: {settings or 'none of ' + ', '.join(PROCESS_ENV_VARIABLES)}"


def import_torch(threads):
    try:
        import torch
    except ImportError as e:
        fail(f"PyTorch is missing ({e}): install Debian's python3-torch (apt-get install python3-torch)"
             " and run with /usr/bin/python3")
    torch.set_num_threads(threads)
    return torch


def brute_force_neighbor_pairs(torch):
    """Stand-in for TorchMD-Net's compiled/Warp neighbour kernel (torchmdnet.extensions.ops), in plain torch.

    Same contract as get_neighbor_pairs_kernel: pairs (i, j) of one molecule with cutoff_lower <= r < cutoff_upper,
    both directions when include_transpose, one self pair per atom when loop (distance 0, kept whatever the
    lower cutoff), deltas pos[i] - pos[j]; returned as (neighbors, deltas, distances, num_pairs) padded
    with -1 to max_num_pairs. The search runs without autograd; deltas and distances are differentiable
    (self pairs get zero gradient, as in TorchMD-Net's backward).
    """
    # Candidates come from |a|^2 + |b|^2 - 2 a.b (one matrix product, cheap even for 6 000 atoms) with a
    # margin far above its float32 rounding error; each candidate is then checked exactly on pos[i] - pos[j].
    margin = 0.5  # Å
    block_elements = 1 << 24  # rows x N per block (64 MB of float32)

    def get_neighbor_pairs_kernel(strategy, positions, batch, box_vectors, use_periodic, cutoff_lower,
                                  cutoff_upper, max_num_pairs, loop, include_transpose, num_cells):
        if use_periodic:
            raise NotImplementedError("the benchmark's neighbour-list stand-in handles molecules, not periodic boxes")
        n = positions.shape[0]
        with torch.no_grad():
            centred = positions - positions.mean(0)
            squares = (centred * centred).sum(1)
            rows_per_block = max(1, block_elements // max(n, 1))
            candidates = []
            for start in range(0, n, rows_per_block):
                block = centred[start:start + rows_per_block]
                r2 = squares[start:start + rows_per_block, None] + squares[None, :] - 2 * block @ centred.t()
                near = (r2 < (cutoff_upper + margin) ** 2).nonzero()
                near[:, 0] += start  # block row -> atom index
                candidates.append(near)
            i, j = torch.cat(candidates).t()
            d = positions[i] - positions[j]
            r2 = (d * d).sum(-1)
            same = i == j
            keep = (r2 < cutoff_upper ** 2) & ((r2 >= cutoff_lower ** 2) | same) & (batch[i] == batch[j])
            if not loop:
                keep &= ~same
            if not include_transpose:
                keep &= j <= i
            pairs = torch.stack([i[keep], j[keep]])
        count = pairs.shape[1]
        if count > max_num_pairs:
            raise RuntimeError(f"Found num_pairs ({count}) > max_num_pairs ({max_num_pairs}),"
                               " please increase max_num_pairs")
        deltas = positions[pairs[0]] - positions[pairs[1]]
        is_self = pairs[0] == pairs[1]
        r2 = (deltas * deltas).sum(-1)
        distances = torch.where(is_self, torch.zeros_like(r2), torch.where(is_self, torch.ones_like(r2), r2).sqrt())
        padding = max_num_pairs - count
        neighbors = torch.cat([pairs, torch.full((2, padding), -1, dtype=torch.long)], dim=1)
        deltas = torch.cat([deltas, deltas.new_zeros((padding, 3))])
        distances = torch.cat([distances, distances.new_zeros(padding)])
        return neighbors, deltas, distances, torch.tensor([count], dtype=torch.int32)

    return get_neighbor_pairs_kernel


def install_stand_ins(torch, src):
    """Makes TorchMD-Net importable here; returns one line per replacement made (for the report)."""
    made = []

    def module(name, **attributes):
        m = types.ModuleType(name)
        m.__dict__.update(attributes)
        sys.modules[name] = m
        return m

    # Its pure-PyTorch TensorNet path, as in the baseline: the optional Warp kernels are refused even when
    # installed (tensornet.py falls back on ImportError).
    sys.modules["torchmdnet.extensions.warp_ops"] = None
    made.append("`torchmdnet.extensions.warp_ops` blocked (pure-PyTorch TensorNet ops, as in the baseline)")
    # Its neighbour kernel module imports warp_ops; replaced by the brute-force search above.
    module("torchmdnet.extensions.ops", get_neighbor_pairs_kernel=brute_force_neighbor_pairs(torch),
           __all__=["get_neighbor_pairs_kernel"])
    made.append("`torchmdnet.extensions.ops.get_neighbor_pairs_kernel` = a brute-force neighbour list in plain torch"
                " (all pairs within the cutoff, both directions, self pairs)")
    if importlib.util.find_spec("lightning_utilities") is None:
        module("lightning_utilities")
        module("lightning_utilities.core")
        module("lightning_utilities.core.rank_zero", rank_zero_warn=lambda *a, **k: warnings.warn(*a, **k))
        made.append("`lightning_utilities.core.rank_zero.rank_zero_warn` = warnings.warn")
    if importlib.util.find_spec("lightning") is None:
        # The checkpoints pickle their hyper-parameters as this dict subclass.
        attribute_dict = type("AttributeDict", (dict,), {"__module__": "lightning.fabric.utilities.data"})
        for name in ("lightning", "lightning.fabric", "lightning.fabric.utilities"):
            module(name)
        module("lightning.fabric.utilities.data", AttributeDict=attribute_dict)
        made.append("`lightning.fabric.utilities.data.AttributeDict` = a dict subclass (to unpickle the checkpoints)")
    if not hasattr(torch, "compiler"):
        # PyTorch < 2.1 (Debian's 1.13): the output head asks whether it is being compiled.
        torch.compiler = types.SimpleNamespace(is_compiling=lambda: False)
        made.append("`torch.compiler.is_compiling` = always False (absent from PyTorch < 2.1)")
    try:
        torch._assert_async(torch.tensor(True), "probe")
    except TypeError:
        # PyTorch < 2.1 takes no message; the neighbour search checks with its own message (above).
        one_argument = torch._assert_async
        torch._assert_async = lambda condition, message=None: one_argument(condition)
        made.append("`torch._assert_async(condition, message)` drops the message (PyTorch < 2.1 takes none)")
    sys.path.insert(0, str(src))
    return made


def load_torchmdnet(src, torch):
    src = Path(src).resolve()
    if not (src / "torchmdnet" / "models" / "model.py").is_file():
        fail(f"{src} is not a TorchMD-Net source folder (no torchmdnet/models/model.py);"
             " see tests/bench/torchmdnet.sh for how to get it")
    stand_ins = install_stand_ins(torch, src)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ImportWarning)
        from torchmdnet.models.model import load_model
    warnings.filterwarnings("ignore", message="scatter_reduce\\(\\) is in beta")  # PyTorch 1.13, once per run
    return load_model, stand_ins


def torchmdnet_commit(src):
    if os.environ.get("TORCHMDNET_COMMIT"):
        return os.environ["TORCHMDNET_COMMIT"]
    try:
        return subprocess.run(["git", "-C", str(src), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (set TORCHMDNET_COMMIT)"


class TorchMDNetRunner:
    """One checkpoint loaded the baseline's way; times calls on one structure."""

    def __init__(self, torch, load_model, ckpt, charge):
        self.torch = torch
        self.model = load_model(str(ckpt), derivative=True).eval()
        self.dtype = next(self.model.parameters()).dtype
        self.charge = charge

    def prepare(self, z, pos):
        t = self.torch
        return (t.tensor(z, dtype=t.long), t.tensor(pos, dtype=self.dtype), t.zeros(len(z), dtype=t.long),
                t.tensor([self.charge], dtype=self.dtype))

    def call(self, inputs):
        z, pos, batch, q = inputs
        return self.model(z, pos, batch=batch, q=q)

    def time(self, inputs, warmup, repeats):
        for _ in range(warmup):
            self.call(inputs)
        millis = []
        for _ in range(repeats):
            start = time.perf_counter()
            self.call(inputs)
            millis.append((time.perf_counter() - start) * 1e3)
        return millis

    def pairs(self, inputs):
        """Directed pairs including self pairs that TensorNet's neighbour list finds (the table's 'pairs')."""
        z, pos, batch, _ = inputs
        edge_index, _, _ = self.model.representation_model.distance(pos, batch)
        return edge_index.shape[1]


def tn4j(*args, launcher=TN4J):
    result = subprocess.run([str(launcher), *map(str, args)], capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"./tn4j {' '.join(map(str, args))} failed ({result.returncode}):\n{result.stderr.strip()}")
    return json.loads(result.stdout)


def tn4j_bench(ckpt, pdb, charge, warmup, repeats, launcher=TN4J):
    """./tn4j bench on this one structure (a folder holding just a link to it); the calls in ms and the machine."""
    with tempfile.TemporaryDirectory(prefix="tn4j-sbs-") as folder:
        (Path(folder) / pdb.name).symlink_to(pdb)
        report = tn4j("bench", "--model", ckpt, "--input", folder, "--charge", charge, "--warmup", warmup,
                      "--repeats", repeats, "--format", "json", launcher=launcher)
    (row,) = report["systems"]
    return row["calls_ms"], report


def tn4j_eval(ckpt, pdb, charge):
    report = tn4j("eval", "--model", ckpt, "--input", pdb, "--charge", charge, "--format", "json")
    return report["energy"][0], report["forces"]


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def cpu_model():
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def blas_library():
    """Which OpenBLAS build this process loaded (Debian's OpenMP and pthreads builds differ up to 2x)."""
    for line in Path("/proc/self/maps").read_text().splitlines():
        if "blas" in line.lower():
            return os.path.realpath(line.split()[-1])
    return "none found"


def fmt(ms):
    return f"{ms:,.1f}".replace(",", " ") if ms >= 100 else f"{ms:.2f}"


def measure_model(args, torch, load_model, ckpt, systems):
    progress(f"{ckpt.name}: loading TorchMD-Net's model")
    runner = TorchMDNetRunner(torch, load_model, ckpt, args.charge)
    rows, bench_report = [], None
    for name, pdb, z, pos in systems:
        inputs = runner.prepare(z, pos)
        reference_energy, reference_forces = runner.call(inputs)
        torchmdnet_ms, tn4j_ms, before_ms = [], [], []
        for round_ in range(1, args.rounds + 1):
            progress(f"{ckpt.name} {name} ({len(z)} atoms) round {round_}/{args.rounds}: TorchMD-Net")
            torchmdnet_ms += runner.time(inputs, args.warmup, args.repeats)
            progress(f"{ckpt.name} {name} ({len(z)} atoms) round {round_}/{args.rounds}: tn4j bench")
            calls, bench_report = tn4j_bench(ckpt, pdb, args.charge, args.warmup, args.repeats)
            tn4j_ms += calls
            if args.before:
                progress(f"{ckpt.name} {name} round {round_}/{args.rounds}: tn4j bench of {args.before}")
                before_ms += tn4j_bench(ckpt, pdb, args.charge, args.warmup, args.repeats,
                                        launcher=Path(args.before) / "tn4j")[0]
        progress(f"{ckpt.name} {name}: comparing energies and forces (tn4j eval)")
        energy, forces = tn4j_eval(ckpt, pdb, args.charge)
        e_ref = float(reference_energy.reshape(-1)[0])
        f_diff = (torch.tensor(forces, dtype=torch.float64) - reference_forces.double()).abs().max().item()
        rows.append(dict(system=name, atoms=len(z), pairs=runner.pairs(inputs),
                         torchmdnet_ms=torchmdnet_ms, tn4j_ms=tn4j_ms, before_ms=before_ms, energy_torchmdnet=e_ref,
                         energy_tn4j=energy,
                         energy_diff=abs(energy - e_ref), energy_rel=abs(energy - e_ref) / max(abs(e_ref), 1e-30),
                         force_diff=f_diff, force_scale=reference_forces.abs().max().item()))
    return rows, bench_report


def model_table(ckpt, rows):
    before = any(r["before_ms"] for r in rows)
    out = [f"## {ckpt.name}", "",
           "| system | atoms | pairs | TorchMD-Net median ms | TorchMD-Net min ms | tn4j median ms | tn4j min ms"
           " | ratio median | ratio min"
           + (" | before median ms | before min ms | after/before median | after/before min" if before else "")
           + " | calls (TorchMD-Net/tn4j) | energy (TorchMD-Net) | \\|ΔE\\| | \\|ΔE\\|/\\|E\\| | max \\|ΔF\\| |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|" * 4 if before else "") + "---:|---:|---:|---:|---:|"]
    for r in rows:
        t_med, t_min = statistics.median(r["torchmdnet_ms"]), min(r["torchmdnet_ms"])
        j_med, j_min = statistics.median(r["tn4j_ms"]), min(r["tn4j_ms"])
        flag = " **differs**" if r["energy_rel"] > ENERGY_RTOL else ""
        then = ""
        if before:
            b_med, b_min = statistics.median(r["before_ms"]), min(r["before_ms"])
            then = f" | {fmt(b_med)} | {fmt(b_min)} | {j_med / b_med:.2f} | {j_min / b_min:.2f}"
        out.append(f"| {r['system']} | {r['atoms']} | {r['pairs']} | {fmt(t_med)} | {fmt(t_min)} | {fmt(j_med)}"
                   f" | {fmt(j_min)} | {j_med / t_med:.2f} | {j_min / t_min:.2f}{then}"
                   f" | {len(r['torchmdnet_ms'])}/{len(r['tn4j_ms'])}"
                   f" | {r['energy_torchmdnet']:.6g} | {r['energy_diff']:.2g}{flag} | {r['energy_rel']:.1e}"
                   f" | {r['force_diff']:.1e} (of {r['force_scale']:.3g}) |")
    return out


def main():
    args = parse_args()
    use_tn4j_process_env(args.torchmdnet_env)
    torch = import_torch(args.threads)
    load_model, stand_ins = load_torchmdnet(args.torchmdnet_src, torch)
    models = [fixture(m, "tensornet", ".ckpt") for m in args.models]
    systems = []
    for s in args.systems:
        pdb = fixture(s, "systems", ".pdb")
        systems.append((pdb.stem, pdb, *read_pdb(pdb)))
    for launcher in [TN4J] + ([Path(args.before) / "tn4j"] if args.before else []):
        if not os.access(launcher, os.X_OK):
            fail(f"{launcher} is missing or not executable")
        if launcher != TN4J:  # builds that checkout now if stale, so that no build lands inside a timing
            subprocess.run([str(launcher), "--version"], capture_output=True, check=True)

    started = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load_start = load_average()
    tables, bench_report = [], {}
    for ckpt in models:
        rows, bench_report = measure_model(args, torch, load_model, ckpt, systems)
        tables.append(rows)
    load_end = load_average()

    jvm = bench_report.get("machine", {})
    lines = [f"# TorchMD-Net and tensornet4j side by side ({started})", "",
             f"- machine: {os.cpu_count()} processors (nproc), {cpu_model()}; load average (1, 5, 15 min)"
             f" at start {load_start}, at end {load_end}",
             f"- TorchMD-Net {torchmdnet_commit(args.torchmdnet_src)} from {Path(args.torchmdnet_src).resolve()},"
             f" PyTorch {torch.__version__}, {torch.get_num_threads()} intra-op threads, BLAS {blas_library()};"
             " load_model(ckpt, derivative=True), eval()",
             process_env_line(args.torchmdnet_env),
             f"- tensornet4j: `./tn4j bench` ({jvm.get('processors', '?')} processors seen by the JVM,"
             f" precision {bench_report.get('precision', '?')}, neighbours {bench_report.get('neighbors', '?')})",
             (f"- before: `{args.before}/tn4j bench` (another checkout), timed after `./tn4j bench` in every round\n"
              if args.before else "")
             + f"- per structure and round: TorchMD-Net, then `./tn4j bench`, each {args.warmup} untimed +"
             f" {args.repeats} timed calls; {args.rounds} round(s); total charge {args.charge:g}",
             "- one call = neighbour list + energy + forces; ratio = tn4j / TorchMD-Net (below 1: tensornet4j faster);"
             " the machine may be shared, so compare minima too",
             "- replaced inside the benchmark process only: " + "; ".join(stand_ins), ""]
    for ckpt, rows in zip(models, tables):
        lines += model_table(ckpt, rows) + [""]
    report = "\n".join(lines)
    if args.output:
        Path(args.output).write_text(report)
        progress(f"wrote {args.output}")
    else:
        print(report)
    differing = [f"{ckpt.name} {r['system']}" for ckpt, rows in zip(models, tables) for r in rows
                 if r["energy_rel"] > ENERGY_RTOL]
    if differing:
        fail(f"energies differ by more than {ENERGY_RTOL:g} (relative) on {', '.join(differing)}:"
             " the two tools did not compute the same thing")


if __name__ == "__main__":
    main()
