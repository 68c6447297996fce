"""The package's public face: __all__, the type stub and the version."""

import inspect
import pathlib
import re

import loadlaw

STUB = pathlib.Path(loadlaw.__file__).with_name("_core.pyi")


def test_every_public_name_is_typed_and_documented():
    stub = STUB.read_text()
    in_stub = set(re.findall(r"^(?:class|def) (\w+)", stub, re.M))
    missing = []
    for name in loadlaw.__all__:
        obj = getattr(loadlaw, name)
        if name == "__version__" or name in in_stub:
            continue
        # Pure-Python names are typed in their own (py.typed) sources.
        if not (inspect.getmodule(obj).__name__.startswith("loadlaw.")
                and obj.__doc__):
            missing.append(name)
    assert missing == []


def test_the_stub_lists_every_compiled_name():
    stub = STUB.read_text()
    in_stub = set(re.findall(r"^(?:class|def) (\w+)", stub, re.M))
    compiled = {n for n in dir(loadlaw._core) if not n.startswith("__")}
    assert compiled - in_stub == set()


def test_version_is_the_projects():
    assert re.fullmatch(r"\d+\.\d+\.\d+", loadlaw.__version__)


def test_import_needs_neither_pandas_nor_matplotlib():
    import subprocess
    import sys

    code = ("import sys, loadlaw; "
            "assert 'pandas' not in sys.modules, 'pandas'; "
            "assert 'matplotlib' not in sys.modules, 'matplotlib'")
    subprocess.run([sys.executable, "-c", code], check=True)
