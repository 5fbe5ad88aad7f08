"""`tn4j ipi` driven by ASE's SocketIOCalculator (a real i-PI server) and by a hand-driven socket.

ASE runs equal direct evaluations (`tn4j eval` on the same positions, float64 so that the only
difference is the unit round trip); a periodic box in a rotated and a left-handed frame gives the same
energy and rotated forces, and a stress that matches ASE's finite differences of the energy; a closed,
killed or EXIT-ing server ends the client with exit code 0 and one line; bad positions end it with one
`tn4j: error:` line and exit code 2. Run by ctest (tests/CMakeLists.txt: ipi_ase) or directly:

    /usr/bin/python3 -m pytest -q tests/ipi
"""
import json
import os
import re
import pathlib
import socket
import struct
import subprocess
import sys
import time
import warnings

import numpy as np
import pytest

ase = pytest.importorskip("ase")
from ase import Atoms  # noqa: E402
from ase.build import molecule  # noqa: E402
from ase.calculators.socketio import SocketIOCalculator  # noqa: E402
from ase.io import read  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
TN4J = ROOT / "tn4j"
MODEL = ROOT / "examples/models/default.ckpt"
ALANINE = ROOT / "examples/molecules/alanine_dipeptide.pdb"
# float64 on both paths: the comparison then sees the unit round trip (1e-16 relative), not float32 noise.
FLOAT64 = ["--set", "precision=64"]
TIMEOUT = 180  # seconds for a JVM start and model load on a busy machine
TIMES = r" \(\d+\.\d\d ms per step in the model, \d+\.\d\d ms per step in all\)"  # after one step or more


def socket_name(test):
    return f"tn4j_test_{os.getpid()}_{test}"


def start_client(structure, address, *extra, unit=("--energy-unit", "eV"), model=MODEL):
    return subprocess.Popen([str(TN4J), "ipi", "--model", str(model), *unit, "--input", str(structure),
                             "--address", address, *FLOAT64, *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(client):
    out, err = client.communicate(timeout=TIMEOUT)
    return client.returncode, out, err


def assert_one_line_ending(code, err, expected):
    """Exit code 0 and, after the connection line, one line that says how the run ended; no stack trace.
    (Before it the launcher may say that it rebuilt the Java modules.)"""
    assert code == 0, err
    lines = err.strip().splitlines()
    connected = [i for i, line in enumerate(lines) if line.startswith("tn4j ipi: connected to ")]
    assert len(connected) == 1, err
    ending = lines[connected[0] + 1:]
    times = "" if expected.endswith(" 0 step(s)") else TIMES
    assert len(ending) == 1 and re.fullmatch(re.escape(f"tn4j ipi: {expected}") + times, ending[0]), err


def alanine():
    with warnings.catch_warnings():  # ASE warns about the empty frame after ENDMDL
        warnings.simplefilter("ignore", UserWarning)
        return read(ALANINE, index=0)


def direct(tmp_path, numbers, frames, box=None, model=MODEL, charge=None):
    """Energies and forces of each frame by `tn4j eval` (one batched JSON input), and the stress with a box."""
    structure = {"z": [int(z) for z in numbers] * len(frames),
                 "pos": [list(map(float, p)) for frame in frames for p in frame],
                 "batch": [i for i in range(len(frames)) for _ in numbers],
                 "box": None if box is None else [list(map(float, row)) for row in box],
                 "q": None if charge is None else [charge] * len(frames)}
    path = tmp_path / "frames.json"
    path.write_text(json.dumps(structure))
    stress = [] if box is None else ["--stress"]
    run = subprocess.run([str(TN4J), "eval", "--model", str(model), "--input", str(path), *FLOAT64, *stress],
                         capture_output=True, text=True, timeout=TIMEOUT)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    forces = np.array(result["forces"]).reshape(len(frames), len(numbers), 3)
    return np.array(result["energy"]), forces, None if box is None else np.array(result["stress"])


def test_a_molecule_through_ase_equals_direct_evaluation_and_a_closed_server_ends_the_client(tmp_path):
    atoms = alanine()
    rng = np.random.default_rng(7)
    energies, forces, frames = [], [], []
    with SocketIOCalculator(port=0, timeout=TIMEOUT) as calc:  # an internet socket on a free port
        client = start_client(ALANINE, f"localhost:{calc.server.serversocket.getsockname()[1]}")
        atoms.calc = calc
        for _ in range(3):
            atoms.positions += rng.normal(0, 0.03, atoms.positions.shape)
            energies.append(atoms.get_potential_energy())
            forces.append(atoms.get_forces().copy())
            frames.append(atoms.positions.copy())
    # Leaving the block closes the server's socket without EXIT, as ASE does at the end of every run.
    code, _, err = finish(client)
    assert_one_line_ending(code, err, "the server closed the connection after 3 step(s)")

    ref_energy, ref_forces, _ = direct(tmp_path, atoms.numbers, frames)
    np.testing.assert_allclose(energies, ref_energy, rtol=1e-12, atol=0)
    np.testing.assert_allclose(np.array(forces), ref_forces, rtol=0, atol=1e-10)
    assert abs(energies[0] - energies[1]) > 1e-3  # the frames differ: the comparison is not of one frame thrice


def test_the_total_charge_reaches_a_model_that_needs_it(tmp_path):
    """TensorNet2 (a random-weight test checkpoint) needs the total charge: --charge must arrive at every step."""
    model = ROOT / "tests/fixtures/tensornet/tn2-bench.ckpt"
    atoms = alanine()
    with SocketIOCalculator(unixsocket=socket_name("charge"), timeout=TIMEOUT) as calc:
        client = start_client(ALANINE, f"unix:{socket_name('charge')}", "--charge", "1", model=model)
        atoms.calc = calc
        energy, forces = atoms.get_potential_energy(), atoms.get_forces()
    code, _, err = finish(client)
    assert_one_line_ending(code, err, "the server closed the connection after 1 step(s)")
    ref_energy, ref_forces, _ = direct(tmp_path, atoms.numbers, [atoms.positions], model=model, charge=1.0)
    neutral_energy, _, _ = direct(tmp_path, atoms.numbers, [atoms.positions], model=model, charge=0.0)
    assert energy == pytest.approx(ref_energy[0], rel=1e-12, abs=0)
    np.testing.assert_allclose(forces, ref_forces[0], rtol=0, atol=1e-10)
    assert abs(energy - neutral_energy[0]) > 1e-6  # the charge changes the energy: it was not dropped


def water_box():
    """Twelve waters in a triclinic cell that is already reduced lower-triangular (a along x, b in xy)."""
    cell = ase.geometry.cellpar_to_cell([11.0, 11.5, 12.0, 80, 95, 100])
    rng = np.random.default_rng(3)
    atoms = Atoms(cell=cell, pbc=True)
    for i, j, k in np.ndindex(2, 2, 3):
        water = molecule("H2O")
        water.rotate(rng.uniform(0, 360), rng.normal(size=3))
        water.translate(np.array([(i + 0.5) / 2, (j + 0.5) / 2, (k + 0.5) / 3]) @ cell)
        atoms += water
    return atoms


def rotation(axis, degrees):
    axis = np.asarray(axis, float) / np.linalg.norm(axis)
    k = np.array([[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]])
    t = np.radians(degrees)
    return np.eye(3) + np.sin(t) * k + (1 - np.cos(t)) * k @ k


def test_a_periodic_box_in_any_frame_equals_direct_evaluation_with_the_stress_of_the_energy(tmp_path):
    reference = water_box()
    q = rotation([1, -2, 0.5], 37)
    rotated = reference.copy()
    rotated.set_cell(reference.cell @ q.T)
    rotated.positions = reference.positions @ q.T
    left_handed = rotated.copy()  # a, b, -c: the same lattice, a negative determinant
    left_handed.set_cell(np.array([rotated.cell[0], rotated.cell[1], -rotated.cell[2]]))
    frames = [(reference, np.eye(3)), (rotated, q), (left_handed, q)]

    name = socket_name("box")
    results = []
    with SocketIOCalculator(unixsocket=name, timeout=TIMEOUT) as calc:
        # The unit from the model's hyper-parameter energy_unit this time, not from --energy-unit.
        client = start_client(tmp_path / "box.xyz", f"unix:{name}", unit=("--set", "energy_unit=eV"))
        for atoms, _ in frames:
            atoms.calc = calc
            results.append((atoms.get_potential_energy(), atoms.get_forces().copy(), atoms.get_stress(voigt=False).copy(),
                            calc.calculate_numerical_stress(atoms, d=1e-5, voigt=False)))
    code, _, err = finish(client)
    assert_one_line_ending(code, err, f"the server closed the connection after {3 + 3 * 12} step(s)")

    ref_energy, ref_forces, ref_stress = direct(tmp_path, reference.numbers, [reference.positions], box=reference.cell[:])
    for (energy, forces, stress, numerical), (_, q) in zip(results, frames):
        assert energy == pytest.approx(ref_energy[0], rel=1e-12, abs=0)
        np.testing.assert_allclose(forces @ q, ref_forces[0], rtol=0, atol=1e-10)  # back into the reference frame
        np.testing.assert_allclose(q.T @ stress @ q, ref_stress, rtol=0, atol=1e-12)  # eV/Å³, as tn4j eval --stress
        np.testing.assert_allclose(stress, numerical, rtol=0, atol=1e-8)  # finite differences of the energy: ~1e-10
    assert np.abs(results[0][2]).max() > 1e-4  # a stress worth comparing


@pytest.fixture(autouse=True)
def box_structure(tmp_path):
    """The atoms of the water box as the client's --input (an XYZ file ASE writes)."""
    ase.io.write(tmp_path / "box.xyz", water_box(), format="extxyz")


def test_a_killed_server_ends_the_client_cleanly():
    name = socket_name("killed")
    server_code = (
        "import sys, time, warnings\n"
        "from ase.io import read\n"
        "from ase.calculators.socketio import SocketIOCalculator\n"
        "warnings.simplefilter('ignore')\n"
        f"atoms = read({str(ALANINE)!r}, index=0)\n"
        f"calc = SocketIOCalculator(unixsocket={name!r}, timeout={TIMEOUT})\n"
        "atoms.calc = calc\n"
        "atoms.get_forces()\n"
        "print('computed', flush=True)\n"
        "time.sleep(600)\n")
    server = subprocess.Popen([sys.executable, "-c", server_code], stdout=subprocess.PIPE, text=True)
    try:
        wait_for(pathlib.Path(f"/tmp/ipi_{name}"))
        client = start_client(ALANINE, f"unix:{name}")
        assert server.stdout.readline().strip() == "computed"
        server.kill()
        code, _, err = finish(client)
    finally:
        server.kill()
        server.wait()
        pathlib.Path(f"/tmp/ipi_{name}").unlink(missing_ok=True)  # a killed ASE leaves its socket file behind
    assert_one_line_ending(code, err, "the server closed the connection after 1 step(s)")


def wait_for(path, seconds=60):
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} did not appear"
        time.sleep(0.05)


class RawServer:
    """One i-PI connection driven message by message (what i-PI itself sends), for the protocol's corners."""

    def __init__(self, name):
        self.path = f"/tmp/ipi_{name}"
        self.listener = socket.socket(socket.AF_UNIX)
        self.listener.bind(self.path)
        self.listener.listen(1)
        self.listener.settimeout(TIMEOUT)

    def accept(self):
        self.conn, _ = self.listener.accept()
        self.conn.settimeout(TIMEOUT)

    def send(self, header, payload=b""):
        self.conn.sendall(header.encode().ljust(12) + payload)

    def status(self):
        self.send("STATUS")
        return self.conn.recv(12).decode().strip()

    def close(self):
        self.listener.close()
        os.unlink(self.path)


def test_exit_ends_the_client_and_status_follows_the_protocol():
    server = RawServer(socket_name("exit"))
    try:
        client = start_client(ALANINE, f"unix:{socket_name('exit')}")
        server.accept()
        assert server.status() == "NEEDINIT"
        server.send("INIT", struct.pack("=ii", 0, 1) + b"\0")
        assert server.status() == "READY"
        server.send("EXIT")
        code, _, err = finish(client)
    finally:
        server.close()
    assert_one_line_ending(code, err, "the server sent EXIT after 0 step(s)")


def test_positions_for_other_atoms_are_refused_with_one_line():
    server = RawServer(socket_name("count"))
    try:
        client = start_client(ALANINE, f"unix:{socket_name('count')}")
        server.accept()
        cell = np.zeros(9)
        server.send("POSDATA", cell.tobytes() + cell.tobytes() + struct.pack("=i", 3) + np.zeros(9).tobytes())
        code, _, err = finish(client)
    finally:
        server.close()
    assert code == 2, err
    assert err.strip().splitlines()[-1] == (f"tn4j: error: the server sent 3 atoms but {ALANINE} has 22:"
                                            " give --input the structure that the server simulates"), err
    assert "\tat " not in err


def test_an_unknown_energy_unit_is_refused_naming_the_option():
    unknown = start_client(ALANINE, "unix:unused", unit=("--energy-unit", "furlong"))
    code, _, err = finish(unknown)
    assert code == 2 and err == ("tn4j: error: unknown energy unit 'furlong': give one of eV, kcal/mol, kJ/mol, Hartree\n"), err
    # A checkpoint without energy_unit (TorchMD-Net's own write none; the shipped default.ckpt records eV).
    missing = start_client(ALANINE, "unix:unused", unit=(), model=ROOT / "tests/fixtures/tensornet/tn-small.ckpt")
    code, _, err = finish(missing)
    assert code == 2, err
    assert err.strip().splitlines()[-1] == ("tn4j: error: the model's energy unit is unknown (the checkpoint has no"
                                            " energy_unit, as TorchMD-Net's own checkpoints): give it with --energy-unit"
                                            " (eV, kcal/mol, kJ/mol, Hartree) or --set energy_unit=UNIT"), err


def test_the_unit_the_checkpoint_records_is_used():
    # The shipped default.ckpt records energy_unit eV: no --energy-unit needed (a fast refusal proves it got
    # past the unit check: the next thing it needs is a server).
    client = start_client(ALANINE, f"unix:{socket_name('unitless')}", "--connect-timeout", "0.5", unit=())
    code, _, err = finish(client)
    assert code == 2 and "no i-PI server at unix:" in err and "energy unit" not in err, err


def test_no_server_is_an_error_naming_the_address():
    client = start_client(ALANINE, f"unix:{socket_name('nobody')}", "--connect-timeout", "0.5")
    code, _, err = finish(client)
    assert code == 2, err
    assert err.startswith(f"tn4j: error: no i-PI server at unix:{socket_name('nobody')} after 0.5 s ("), err
    assert "--connect-timeout" in err and len(err.strip().splitlines()) == 1, err
