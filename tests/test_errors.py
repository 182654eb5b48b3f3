"""The project's errors cross a process boundary whole (a worker returns or raises them by pickling)."""

from __future__ import annotations

import inspect
import pickle

import pytest

import policykg.errors as errors

#: Arguments each error is built with; an error class added later without an entry here fails the test below.
_SAMPLES = {
    "LoadError": ("examples/000_a8eebd8133074170.txt", "is empty"),
    "QueryTimeoutError": (2.5,),
    "AmbiguousNameError": ("以旧换新", [{"id": "Program:消费品以旧换新", "label": "Program", "name": "消费品以旧换新",
                                        "documents": 23}], ["/nodes/Program:消费品以旧换新"]),
}
_CLASSES = [c for _, c in inspect.getmembers(errors, inspect.isclass)
            if issubclass(c, Exception) and c.__module__ == errors.__name__]


@pytest.mark.parametrize("cls", _CLASSES, ids=lambda c: c.__name__)
def test_error_survives_pickling(cls: type[Exception]) -> None:
    if "__init__" in cls.__dict__:
        assert cls.__name__ in _SAMPLES, f"{cls.__name__} takes its own arguments: add a sample to _SAMPLES"
        err = cls(*_SAMPLES[cls.__name__])
    else:
        err = cls("the store at data/graph.sqlite cannot be opened")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is cls
    assert str(back) == str(err)
    assert vars(back) == vars(err)


def test_timeout_message_names_the_limit_after_pickling() -> None:
    back = pickle.loads(pickle.dumps(errors.QueryTimeoutError(2.5)))
    assert back.timeout_s == 2.5
    assert str(back) == "query exceeded the 2.5 s limit; narrow it or raise POLICYKG_CYPHER_TIMEOUT_S"
