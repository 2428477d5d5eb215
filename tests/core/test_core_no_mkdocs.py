"""The translation core stays free of MkDocs (the site generator is one replaceable adapter:
the package ``mkdocs_plugin``, ``search_plugin``, ``parallel_build``).
Importing any other module of the package must not load MkDocs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "scripts" / "mdbabel"
ADAPTERS = {"mkdocs_plugin", "search_plugin", "parallel_build"}  # mkdocs_plugin/ is a package
# the top-level modules and packages (importing a package imports what its __init__ does)
CORE = sorted(({p.stem for p in PACKAGE.glob("*.py")} | {p.parent.name for p in PACKAGE.glob("*/__init__.py")})
              - ADAPTERS - {"__init__"})


def test_the_core_is_every_module_but_the_adapters():
    assert {"translate", "segments", "catalogs", "build_cache", "files"} <= set(CORE)


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_mkdocs(module):
    code = (f"import sys, mdbabel.{module}; "
            "print(sorted(k for k in sys.modules if k == 'mkdocs' or k.startswith('mkdocs.')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_an_adapter_does_load_mkdocs():  # the check above can see an import at all
    code = ("import sys, mdbabel.mkdocs_plugin; "
            "print(any(k == 'mkdocs' for k in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.stdout.strip() == "True", result.stderr
