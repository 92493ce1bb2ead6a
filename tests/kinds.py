"""Which kind each test is (browser, build, serve, properdocs, slow), read from what it uses, never written by hand.

A test is of a kind when something it uses makes that kind: the fixtures it asks for (``browser``, and ``page``
which is built on it, make it a browser test; ``built_site`` a build test), or a helper marked ``@makes(kind)``
(``conftest.mkdocs_build``, ``test_serve.Served``, ...) that the test function, one of its fixtures, or any
function or class of tests/ they call reaches. The walk reads the names in the code, so a new helper that calls
``mkdocs_build`` makes every test that uses it a build test, with no list to keep. ``serve`` and
``properdocs`` imply ``build``. A Hypothesis property test (``@given``) is ``slow``, and so is a test that reaches
a fixture marked ``@makes("slow")`` (one that validates the project once per attack, say).

A test that runs a script of scripts/ which starts ``mkdocs build`` or ``serve`` (``bench.py``,
``package_offline.py``; found by reading the script and the modules of scripts/ it imports) is a build test too.

The classification is checked while the tests run: a test not marked ``build`` that starts ``mkdocs build``,
``mkdocs serve``, ProperDocs or such a script fails, naming the helper to go through, so the fast loop
(``-m "not browser and not build"``) cannot silently grow a build.
"""

from __future__ import annotations

import dis
import functools
import importlib
import inspect
import os
import re
import shlex
import subprocess
import sys
import types
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
# Fixtures that make a test of a kind by themselves (their dependants, such as ``page``, inherit it).
KIND_OF_FIXTURE = {"browser": "browser", "built_site": "build"}
IMPLIED = {"serve": {"build"}, "properdocs": {"build"}}
# Helpers marked with @makes, by name: a name read anywhere in a test's code reaches them.
MAKERS: dict[str, str] = {}


def makes(kind: str):
    """Marks a helper (function or class in tests/) whose use makes a test of ``kind``."""
    def mark(thing):
        thing.makes_kind = kind
        MAKERS[thing.__name__] = kind
        return thing
    return mark


def _codes(code: types.CodeType):
    yield code
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            yield from _codes(constant)


def _functions(thing) -> list[types.FunctionType]:
    if isinstance(thing, type):
        members = [getattr(member, "__func__", member) for member in vars(thing).values()]
        members += [member.fget for member in vars(thing).values() if isinstance(member, property)]
        return [member for member in members if inspect.isfunction(member)]
    return [thing] if inspect.isfunction(thing) else []


def _in_tests(thing) -> bool:
    code = getattr(thing, "__code__", None)
    filename = code.co_filename if code else getattr(sys.modules.get(getattr(thing, "__module__", "")), "__file__", None)
    return bool(filename) and _file_in_tests(filename)


@functools.cache
def _file_in_tests(filename: str) -> bool:
    return Path(filename).resolve().is_relative_to(TESTS)


SCRIPTS = TESTS.parent / "scripts"
_STARTS_A_BUILD = re.compile(r"""["'](?:mkdocs|properdocs)["'],\s*["'](?:build|serve)["']""")
_IMPORTS = re.compile(r"^\s*(?:from|import)\s+([\w.]+)", re.MULTILINE)


@functools.cache
def script_builds(name: str) -> bool:
    """Whether scripts/<name>, or a module of scripts/ it imports, starts `mkdocs build` or `mkdocs serve`."""
    todo, seen = [SCRIPTS / Path(name).name], set()
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        text = path.read_text(encoding="utf-8")
        if _STARTS_A_BUILD.search(text):
            return True
        for module in _IMPORTS.findall(text):
            stem = SCRIPTS.joinpath(*module.split("."))
            todo += [stem.with_suffix(".py"), stem / "__init__.py"]
    return False


def _test_modules_named(code: types.CodeType, names: dict) -> list[types.ModuleType]:
    """The modules of tests/ that ``code`` reads names from: ``test_serve._serving`` with ``import test_serve``,
    or ``from test_serve import _serving`` inside a function."""
    modules = [value for name in code.co_names if isinstance(value := names.get(name), types.ModuleType)
               and getattr(value, "__file__", None) and _file_in_tests(value.__file__)]
    for instruction in dis.get_instructions(code):
        if instruction.opname == "IMPORT_NAME" and (TESTS / f"{instruction.argval}.py").is_file():
            modules.append(importlib.import_module(instruction.argval))
    return modules


_REACHED: dict[int, frozenset[str]] = {}


def kinds_reached(thing) -> frozenset[str]:
    """The kinds a function or class of tests/ makes, through every function or class of tests/ it names."""
    key = id(thing)
    if key in _REACHED:
        return _REACHED[key]
    _REACHED[key] = frozenset()  # a cycle adds nothing
    kinds = {thing.makes_kind} if getattr(thing, "makes_kind", None) else set()
    for function in _functions(thing):
        for code in _codes(function.__code__):
            modules = _test_modules_named(code, function.__globals__)
            for name in code.co_names:
                if name in MAKERS:
                    kinds.add(MAKERS[name])
                for named in [function.__globals__.get(name)] + [getattr(module, name, None) for module in modules]:
                    if (inspect.isfunction(named) or isinstance(named, type)) and _in_tests(named):
                        kinds |= kinds_reached(named)
            # request.getfixturevalue("built_site") asks for a fixture by its name; ROOT / "scripts" / "bench.py"
            # names a script that builds
            for constant in code.co_consts:
                if isinstance(constant, str):
                    kinds.update(kind for kind in (KIND_OF_FIXTURE.get(constant), MAKERS.get(constant)) if kind)
                    if constant.endswith(".py") and script_builds(constant):
                        kinds.add("build")
    _REACHED[key] = frozenset(kinds)
    return _REACHED[key]


def _fixture_definitions(item: pytest.Item):
    info = getattr(item, "_fixtureinfo", None)
    for name in item.fixturenames:
        for definition in (info.name2fixturedefs.get(name, ()) if info else ()):
            yield name, definition


def kinds_of(item: pytest.Item) -> set[str]:
    kinds = {KIND_OF_FIXTURE[name] for name in item.fixturenames if name in KIND_OF_FIXTURE}
    kinds |= {mark.name for mark in item.iter_markers() if mark.name in IMPLIED}
    function = getattr(item, "function", None)
    inner = getattr(getattr(function, "hypothesis", None), "inner_test", None)
    if inner is not None:  # a property test: hundreds or thousands of examples
        kinds.add("slow")
        function = inner
    if function is not None and _in_tests(function):
        kinds |= kinds_reached(function)
    for _, definition in _fixture_definitions(item):
        if _in_tests(definition.func):
            kinds |= kinds_reached(definition.func)
    for kind in list(kinds):
        kinds |= IMPLIED.get(kind, set())
    return kinds


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for kind in sorted(kinds_of(item)):
            if not item.get_closest_marker(kind):
                item.add_marker(kind)


# --- the check while tests run ---------------------------------------------------------------------

_running: list[pytest.Item] = []


def command_kind(args) -> str | None:
    """``build`` or ``serve`` when a command line builds or serves a site, else None."""
    if isinstance(args, (str, bytes, Path)):
        words = shlex.split(os.fsdecode(args))
    else:
        words = [os.fsdecode(word) for word in args]
    names = [Path(word).name for word in words]
    if any(name.endswith(".py") and script_builds(name) for name in names):
        return "build"
    for generator in ("mkdocs", "properdocs"):
        if generator in names:
            after = names[names.index(generator) + 1:]
            if "serve" in after[:1]:
                return "serve"
            if "build" in after[:1]:
                return "build"
    return None


class UnmarkedCost(Exception):
    pass


def _guarded(original):
    def __init__(self, args, *rest, **options):
        kind = command_kind(args)
        item = _running[-1] if _running else None
        if kind and item is not None and not item.get_closest_marker(kind):
            raise UnmarkedCost(
                f"{item.nodeid} runs `{' '.join(str(word) for word in args)}` but was not collected as a {kind} "
                f"test, so `-m \"not {kind}\"` would run it: build through conftest.mkdocs_build (or mark the helper "
                f"that starts it with @kinds.makes({kind!r})); tests/kinds.py reads the kinds from the code")
        original(self, args, *rest, **options)
    __init__.checks_kinds = True
    return __init__


def pytest_configure(config: pytest.Config) -> None:
    if not getattr(subprocess.Popen.__init__, "checks_kinds", False):
        subprocess.Popen.__init__ = _guarded(subprocess.Popen.__init__)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem):
    _running.append(item)
    try:
        return (yield)
    finally:
        _running.pop()

