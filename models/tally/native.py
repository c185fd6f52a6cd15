"""Pricing and paying in bounded MES runs in compiled code, where it was built.

A bounded run (models.tally.interval) spends its time pricing bids and charging their
supporters: about 25 numpy calls on a few hundred to a few thousand numbers each, where
numpy's fixed cost per call is most of the work (Budapest 2024: 48,000 pricings). The C module
(`models/tally/_pricing.c` for runs, `_vouching.c` for comparing two runs) does the very same
steps in one call (docs/decisions.md, "Pricing in C"). It is built when the project is
installed (setup.py, with setuptools and the machine's C compiler); where it could not be
built, `pricing` is None and the numpy functions count, with the same results, more slowly.
The numpy functions stay the reference: tests/unit/test_tally_native.py holds the two to each
other.
"""

from __future__ import annotations

from types import ModuleType

pricing: ModuleType | None
try:
    from models.tally import _pricing as pricing
except ImportError:  # no C compiler where the project was installed
    pricing = None
