"""An engine's periodic cell in the frame TorchMD-Net needs, and results rotated back.

TorchMD-Net's minimum image is exact only for a box in reduced lower-triangular form (rows a, b, c with a
along x, b in the xy plane, c_z > 0, a_x >= 2|b_x|, a_x >= 2|c_x|, b_y >= 2|c_y|) whose a_x, b_y, c_z are
at least twice the cutoff (java/core .../neighbors/PeriodicBox.java). Any other cell describes the same
crystal after (1) a rotation, which turns positions and must turn forces and stress back, and (2) a change
of lattice vectors (c -> -c for a left-handed cell, b -> b - k a and so on), which leaves positions, forces
and stress untouched because the periodic images are the same points.
"""
import numpy as np


class PeriodicFrame:
    """A cell (rows a, b, c) as TorchMD-Net's box plus the rotation into it.

    box: the reduced lower-triangular box (3 x 3, rows). rotation: Q with box rows = lattice rows @ Q, so a
    position row p becomes p @ Q; None when the cell already lies in that frame (no rotation at all, so
    such cells are passed on bit for bit)."""

    def __init__(self, cell):
        cell = np.array(cell, dtype=np.float64).reshape(3, 3)
        if not np.all(np.isfinite(cell)):
            raise ValueError(f"the cell {cell.tolist()} is not finite: give finite cell vectors in Å")
        volume = np.linalg.det(cell)
        if abs(volume) <= 1e-9 * max(1.0, np.abs(cell).max()) ** 3:
            raise ValueError(f"the cell {cell.tolist()} has no volume (its vectors are zero or in one plane): give three"
                             " independent cell vectors in Å, or set atoms.pbc = False for a molecule in vacuum")
        if volume < 0:
            cell[2] = -cell[2]  # a left-handed cell: the same lattice with c reversed; a rotation cannot fix the hand
        if cell[0, 1] == 0 and cell[0, 2] == 0 and cell[1, 2] == 0 and np.all(np.diag(cell) > 0):
            self.rotation = None
            box = cell
        else:
            q, r = np.linalg.qr(cell.T)  # cell.T = q r: cell @ q = r.T, lower-triangular
            signs = np.where(np.diag(r) < 0, -1.0, 1.0)  # a positive diagonal makes q a proper rotation here
            self.rotation = q * signs
            box = (signs[:, None] * r).T
            box[np.triu_indices(3, 1)] = 0.0
        self.box = _reduced(box)

    def positions(self, positions):
        """Positions (N x 3, Å) in the box's frame."""
        return positions if self.rotation is None else positions @ self.rotation

    def vectors_back(self, vectors):
        """Rows of vectors (forces) from the box's frame back to the cell's."""
        return vectors if self.rotation is None else vectors @ self.rotation.T

    def tensor_back(self, tensor):
        """A 3 x 3 tensor (virial, stress) from the box's frame back to the cell's: Q T Q^T."""
        return tensor if self.rotation is None else self.rotation @ tensor @ self.rotation.T

    def require_cutoff(self, cutoff, cell):
        """Refuses a box whose a_x, b_y or c_z is under twice the cutoff, saying how to enlarge the cell."""
        widths = np.diag(self.box)
        if np.all(widths >= 2 * cutoff):
            return
        if not np.isfinite(cutoff):
            raise ValueError("this potential has an infinite cutoff (an all-pairs term) and cannot run in a periodic cell:"
                             " set atoms.pbc = False, or give it a finite cutoff (e.g. overrides={'coulomb_cutoff': 10})")
        repeat = tuple(int(np.ceil(2 * cutoff / w)) if w < 2 * cutoff else 1 for w in widths)
        raise ValueError(f"the periodic cell {np.asarray(cell).tolist()} is too small for the model's cutoff {cutoff:g} Å:"
                         f" in TorchMD-Net's reduced form its widths a_x, b_y, c_z are {', '.join(f'{w:.4g}' for w in widths)} Å"
                         f" and each must be at least {2 * cutoff:g} Å (twice the cutoff, for an exact minimum image);"
                         f" enlarge it, e.g. atoms = atoms.repeat({repeat})")


def _reduced(box):
    """The same lattice with b and c shortened by multiples of a and b until |b_x|, |c_x| <= a_x / 2 and
    |c_y| <= b_y / 2 (OpenMM's reduced form); a box already reduced is returned unchanged."""
    a, b, c = box.copy()
    c = c - _nearest(c[1] / b[1]) * b
    c = c - _nearest(c[0] / a[0]) * a
    b = b - _nearest(b[0] / a[0]) * a
    return np.array([a, b, c])


def _nearest(ratio):
    """The integer nearest to ratio, but 0 within [-1/2, 1/2], where the box already satisfies the rule."""
    return 0.0 if abs(ratio) <= 0.5 else float(np.floor(ratio + 0.5))
