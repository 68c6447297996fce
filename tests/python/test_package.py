"""The package's public face: __all__, the type stub and the version."""

import pathlib
import re

import loadlaw

STUB = pathlib.Path(loadlaw.__file__).with_name("_core.pyi")


def test_every_public_name_is_in_the_stub():
    stub = STUB.read_text()
    defined = set(re.findall(r"^(?:class|def) (\w+)", stub, re.M))
    missing = [n for n in loadlaw.__all__
               if n != "__version__" and n not in defined]
    assert missing == []


def test_version_is_the_projects():
    assert re.fullmatch(r"\d+\.\d+\.\d+", loadlaw.__version__)
