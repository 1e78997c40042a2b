"""Work spread over processes gives what the same work gives in one process, in order."""

from __future__ import annotations

import pickle

import pytest

from unsubmit import parallel
from unsubmit.errors import Location, TemplateError
from unsubmit.parallel import map_in_order


def square_or_fail(number: int) -> int:
    if number in (13, 17):
        raise TemplateError(f"no template for {number}", Location(f"t{number}.docx", 3, 4))
    return number * number


@pytest.fixture
def two_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "process_count", lambda: 2)
    monkeypatch.setattr(parallel, "POOL_MINIMUM", 4)


@pytest.mark.usefixtures("two_processes")
def test_a_pool_returns_every_result_in_order_and_counts_them() -> None:
    counted: list[int] = []
    assert map_in_order(square_or_fail, range(12), counted.append) == [n * n for n in range(12)]
    assert counted == list(range(1, 13))


@pytest.mark.usefixtures("two_processes")
def test_the_first_failure_in_order_surfaces_as_it_would_in_one_process() -> None:
    with pytest.raises(TemplateError) as serial:
        [square_or_fail(n) for n in range(30)]
    with pytest.raises(TemplateError) as pooled:
        map_in_order(square_or_fail, range(30))
    assert str(pooled.value) == str(serial.value) == "t13.docx:3:4: no template for 13"
    assert pooled.value.location == serial.value.location


def test_errors_survive_the_trip_between_processes() -> None:
    error = TemplateError("broken", Location("t.docx", 1, 2, "$.x"))
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), str(again), again.location) == (TemplateError, str(error), error.location)


@pytest.mark.usefixtures("two_processes")
def test_spawned_workers_give_the_same_results(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_start_method", lambda: "spawn")
    monkeypatch.setattr(parallel, "_SPAWN_MINIMUM", 2)
    assert map_in_order(square_or_fail, [2, 3, 4, 5]) == [4, 9, 16, 25]


@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("0", None), ("many", None), ("", None)])
def test_unsubmit_processes_caps_the_pool(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: int | None
) -> None:
    monkeypatch.delenv("UNSUBMIT_PROCESSES", raising=False)
    cores = parallel.process_count()
    monkeypatch.setenv("UNSUBMIT_PROCESSES", value)
    assert parallel.process_count() == (cores if expected is None else expected)
