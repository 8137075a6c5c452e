"""Every newsfacts error lives in ingest.errors and survives pickling with its message and its facts
(a worker process hands its errors to the flow pickled). The classes are found by walking the
error tree, so a new one is covered without touching this file."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pickle
import pkgutil
import typing

import pytest

import flows
import ingest
import schemas
from ingest import errors
from ingest.errors import NewsfactsError, TerminalError, TransientError

CONTEXT = {"run_id": "run-7", "article_id": "a1b2c3", "source": "wire", "stage": "load"}
SAMPLES: dict[object, object] = {
    str: "o'brien; drop",
    float: 2.5,
    int: 3,
    dt.datetime: dt.datetime(2026, 11, 22, 1, 18),
}


def _import_everything() -> None:
    """Import every module of the project, so that an error class defined anywhere is seen."""
    for package in (ingest, flows, schemas):
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            importlib.import_module(info.name)


def _all_errors(root: type[NewsfactsError] = NewsfactsError) -> list[type[NewsfactsError]]:
    found = [root]
    for sub in root.__subclasses__():
        found += [c for c in _all_errors(sub) if c not in found]
    return found


def _sample(annotation: object) -> object:
    if annotation in SAMPLES:
        return SAMPLES[annotation]
    options = typing.get_args(annotation)  # X | None: a value of X
    return next(SAMPLES[a] for a in options if a in SAMPLES)


def _instance(cls: type[NewsfactsError]) -> NewsfactsError:
    """An instance built from the class's own signature, with every fact set."""
    hints = typing.get_type_hints(cls.__init__)
    args = [
        _sample(hints[p.name])
        for p in inspect.signature(cls.__init__).parameters.values()
        if p.name != "self" and p.default is p.empty and p.kind is p.POSITIONAL_OR_KEYWORD
    ]
    return cls(*args, **CONTEXT)


_import_everything()
ALL = _all_errors()


def test_every_error_is_declared_in_the_error_module_under_one_branch() -> None:
    assert len(ALL) > 10
    for cls in ALL:
        assert cls.__module__ == errors.__name__, f"{cls.__name__} is declared in {cls.__module__}"
        if cls not in (NewsfactsError, TransientError, TerminalError):
            assert issubclass(cls, TransientError) != issubclass(cls, TerminalError), cls


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_an_error_survives_pickling_with_its_message_and_facts(cls: type[NewsfactsError]) -> None:
    error = _instance(cls)
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is cls
    assert str(again) == str(error) and str(error)
    assert again.args == error.args
    for name, value in CONTEXT.items():
        assert getattr(again, name) == value, name
    assert vars(again) == vars(error)


def test_an_error_without_facts_says_so_with_none() -> None:
    error = errors.WarehouseError("no warehouse at x.duckdb")
    assert (error.run_id, error.article_id, error.source, error.stage) == (None, None, None, None)
    assert errors.SchemaBatchError("bad batch").stage == "validate"
