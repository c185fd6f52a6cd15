"""Builds pbchat's one compiled part: pricing in bounded Equal Shares runs (models/tally/native.py):
models/tally/_pricing.c and _vouching.c, sharing models/tally/_native.h.

Everything else about the package is in pyproject.toml. The extension is optional: where no C
compiler is at hand the install goes on, and the numpy code counts the same results, more
slowly. -ffp-contract=off keeps the compiler from fusing a multiply and an add into one
rounding, so the C code rounds exactly where the numpy code does.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "models.tally._pricing",
            ["models/tally/_pricing.c", "models/tally/_vouching.c"],
            depends=["models/tally/_native.h"],
            optional=True,
            extra_compile_args=["-O2", "-ffp-contract=off"],
        )
    ]
)
