"""ctypes binding of the C ABI (native/include/tensornet4j/tensornet4j.h): one Java potential per
`Potential`, evaluated on numpy arrays. Loads libtensornet4j from the path recorded next to this file
when it was built or installed (libtensornet4j.path), or from TN4J_LIBRARY when set. No PyTorch: the
model runs in the JVM that the library starts inside this process."""
import ctypes
import json
import os
import pathlib
import threading

import numpy as np

_RECORDED = pathlib.Path(__file__).with_name("libtensornet4j.path")
_double_p = ctypes.POINTER(ctypes.c_double)
_int_p = ctypes.POINTER(ctypes.c_int)
_library = None
_library_lock = threading.Lock()


class TensorNet4jError(RuntimeError):
    """A failure reported by tensornet4j (tn4j_last_error's message: the problem and its fix)."""


def library_path():
    """The libtensornet4j this module loads: TN4J_LIBRARY, else the path recorded at build/install time."""
    if os.environ.get("TN4J_LIBRARY"):
        return os.environ["TN4J_LIBRARY"]
    if not _RECORDED.exists():
        raise TensorNet4jError(f"{_RECORDED} is missing, so libtensornet4j cannot be found: use the package from a"
                               " build tree (PYTHONPATH=<build>/python) or an install (cmake --install build), or set"
                               " TN4J_LIBRARY to the path of libtensornet4j.so")
    return _RECORDED.read_text().strip()


def _declare(lib):
    lib.tn4j_create.restype = ctypes.c_void_p
    lib.tn4j_create.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    lib.tn4j_evaluate.restype = ctypes.c_int
    lib.tn4j_evaluate.argtypes = [ctypes.c_void_p, ctypes.c_int, _int_p, _double_p, _double_p, _double_p,
                                  _double_p, _double_p, _double_p, _double_p]
    lib.tn4j_cutoff.restype = ctypes.c_int
    lib.tn4j_cutoff.argtypes = [ctypes.c_void_p, _double_p]
    lib.tn4j_receptive_field.restype = ctypes.c_int
    lib.tn4j_receptive_field.argtypes = [ctypes.c_void_p, _double_p]
    lib.tn4j_energy_unit.restype = ctypes.c_char_p
    lib.tn4j_energy_unit.argtypes = [ctypes.c_void_p]
    lib.tn4j_release.restype = None
    lib.tn4j_release.argtypes = [ctypes.c_void_p]
    lib.tn4j_last_error.restype = ctypes.c_char_p
    lib.tn4j_last_error.argtypes = []


def library():
    """libtensornet4j, loaded once per process with its functions declared."""
    global _library
    with _library_lock:
        if _library is None:
            path = library_path()
            if not os.path.exists(path):
                raise TensorNet4jError(f"libtensornet4j not found at {path}: rebuild (cmake --build build) or reinstall"
                                       " (cmake --install build), or set TN4J_LIBRARY to the library's path")
            lib = ctypes.CDLL(path)
            try:
                _declare(lib)
            except AttributeError as missing:
                raise TensorNet4jError(f"{path} lacks a function of the C ABI ({missing}): it is older than this Python"
                                       " package; rebuild and reinstall tensornet4j") from None
            _library = lib
    return _library


def _last_error(lib, what):
    message = (lib.tn4j_last_error() or b"").decode("utf-8", "replace")
    return TensorNet4jError(message or f"{what} failed without a message")


def _pointer(array):
    return None if array is None else array.ctypes.data_as(_double_p)


class Potential:
    """A Java potential created by tn4j_create: `Potential("org.tensornet4j.TensorNetPotential",
    {"checkpoint": "model.ckpt"})`. Not for concurrent use from several threads (calls are serialised);
    release() (or `with`) frees it, as does garbage collection."""

    def __init__(self, class_name, config):
        self._lib = library()
        self._lock = threading.Lock()
        self._handle = self._lib.tn4j_create(class_name.encode(), json.dumps(config).encode())
        if not self._handle:
            raise _last_error(self._lib, "tn4j_create")

    def _live(self):
        if not self._handle:
            raise TensorNet4jError("the potential was released; create a new one")
        return self._handle

    def _query(self, function, name):
        value = ctypes.c_double()
        with self._lock:
            if function(self._live(), ctypes.byref(value)) != 0:
                raise _last_error(self._lib, name)
        return value.value

    def cutoff(self):
        """The interaction cutoff in Å (infinity for an all-pairs term)."""
        return self._query(self._lib.tn4j_cutoff, "tn4j_cutoff")

    def receptive_field(self):
        """How far an atom's position reaches into the energy, in Å."""
        return self._query(self._lib.tn4j_receptive_field, "tn4j_receptive_field")

    def energy_unit(self):
        """The model's energy unit ("eV", "kJ/mol", ...), or "" when neither the configuration nor the model says."""
        with self._lock:
            unit = self._lib.tn4j_energy_unit(self._live())
            if unit is None:
                raise _last_error(self._lib, "tn4j_energy_unit")
        return unit.decode()

    def evaluate(self, numbers, positions, box=None, total_charge=None, virial=False, atom_energies=False):
        """Energy, forces (N x 3), virial (3 x 3 or None) and per-atom energies (N or None) in the model's
        energy unit and Å. box: 3 x 3 rows a, b, c in TorchMD-Net's reduced form, or None."""
        z = np.ascontiguousarray(numbers, dtype=np.intc)
        pos = np.ascontiguousarray(positions, dtype=np.float64)
        if pos.shape != (len(z), 3):
            raise ValueError(f"positions must be {len(z)} x 3 (one row per atom), got shape {pos.shape}")
        cell = None if box is None else np.ascontiguousarray(box, dtype=np.float64).reshape(9)
        charge = None if total_charge is None else ctypes.byref(ctypes.c_double(float(total_charge)))
        energy = ctypes.c_double()
        forces = np.empty((len(z), 3))
        w = np.empty((3, 3)) if virial else None
        e = np.empty(len(z)) if atom_energies else None
        with self._lock:
            status = self._lib.tn4j_evaluate(self._live(), len(z), z.ctypes.data_as(_int_p), _pointer(pos), _pointer(cell),
                                             charge, ctypes.byref(energy), _pointer(forces), _pointer(w), _pointer(e))
            if status != 0:
                raise _last_error(self._lib, "tn4j_evaluate")
        return energy.value, forces, w, e

    def release(self):
        """Frees the Java potential; later calls raise TensorNet4jError."""
        with self._lock:
            if self._handle:
                self._lib.tn4j_release(self._handle)
                self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.release()

    def __del__(self):
        if getattr(self, "_handle", None):
            self.release()
