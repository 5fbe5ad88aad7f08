"""Energy units a model may be in, as eV per unit in ASE's own constants (ase.units), so that the
calculator's energies agree with every other ASE calculator's. Names are matched without regard to case."""
from ase import units

EV_PER_UNIT = {
    "eV": 1.0,
    "kJ/mol": units.kJ / units.mol,
    "kcal/mol": units.kcal / units.mol,
    "hartree": units.Hartree,
}


def ev_per(unit):
    """eV per one `unit`; a ValueError naming the known units for any other."""
    for name, factor in EV_PER_UNIT.items():
        if name.lower() == str(unit).strip().lower():
            return factor
    raise ValueError(f"unknown energy unit {unit!r}: choose one of {', '.join(EV_PER_UNIT)} (the unit of the energies"
                     " the model was trained on)")
