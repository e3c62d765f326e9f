"""The fixed model parameters, kept where the jobs have always imported them from.

They live in :mod:`corridor.matching.parameters`, because the engine falls back to them too
(a level that training cannot estimate, see :mod:`corridor.matching.fallback`).
"""

from corridor.matching.parameters import LEVELS, PRIOR

__all__ = ["LEVELS", "PRIOR"]
