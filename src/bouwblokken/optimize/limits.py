"""Time limits and cancellation for every optimizer call: an answer in time, never a hang.

Every public solver takes ``time_limit`` (seconds, default :data:`DEFAULT_TIME_LIMIT`) and an
optional :class:`CancelToken`. When either runs out the solver stops and returns what it has
proven so far: the best plan found with a proven lower bound (status ``"feasible"``), or status
``"unknown"`` when no plan was found yet. A token can be cancelled from any thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

__all__ = ["DEFAULT_TIME_LIMIT", "CancelToken", "Limits", "Stopped"]

#: Seconds an interactive call may take before it answers with what it has (and its bound).
Seconds = float  # float-ok: time, never money
"""A time limit in seconds."""

DEFAULT_TIME_LIMIT: Seconds = 2.0


class CancelToken:
    """Cancels running optimizer calls from another thread (``token.cancel()``).

    One token may be shared by many calls (a batch, a frontier); once cancelled it stays
    cancelled. Back ends that run outside Python (CP-SAT) register a stop function while they
    run, so cancelling reaches them at once.
    """

    __slots__ = ("_event", "_lock", "_stops")

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._stops: list[Callable[[], None]] = []

    def cancel(self) -> None:
        self._event.set()
        with self._lock:
            stops = list(self._stops)
        for stop in stops:
            stop()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def register(self, stop: Callable[[], None]) -> None:
        with self._lock:
            self._stops.append(stop)
        if self._event.is_set():
            stop()

    def unregister(self, stop: Callable[[], None]) -> None:
        with self._lock:
            if stop in self._stops:
                self._stops.remove(stop)


class Stopped(Exception):  # noqa: N818 -- a signal inside the searches, never raised to users
    """Raised inside a search when its limits ran out; caught by the search itself."""


class Limits:
    """A deadline (monotonic clock) and an optional cancel token, shared by one call's phases."""

    __slots__ = ("deadline", "token")

    def __init__(self, time_limit: Seconds | None, token: CancelToken | None = None) -> None:
        if time_limit is not None and (
            isinstance(time_limit, bool)
            or not isinstance(time_limit, int | float)
            or not time_limit > 0
        ):
            raise ValueError(f"time_limit must be a number of seconds > 0, got {time_limit!r}")
        self.deadline = None if time_limit is None else time.monotonic() + time_limit
        self.token = token

    @classmethod
    def of(
        cls, time_limit: Seconds | None, cancel: CancelToken | None, limits: Limits | None = None
    ) -> Limits:
        return limits if limits is not None else cls(time_limit, cancel)

    def expired(self) -> bool:
        if self.token is not None and self.token.cancelled:
            return True
        return self.deadline is not None and time.monotonic() >= self.deadline

    def remaining(self) -> Seconds | None:
        """Seconds left (``None``: no deadline); 0 when cancelled."""
        if self.token is not None and self.token.cancelled:
            return 0.0
        if self.deadline is None:
            return None
        return max(0.0, self.deadline - time.monotonic())
