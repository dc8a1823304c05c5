"""What the benchmark commands share: percentiles, the load average, and CPU time of this process
and of the PostgreSQL backends it talks to (read from ``/proc``, for a server on this machine).

On a shared machine the wall clock measures the queue for the cores as much as the work; CPU time
says what a call costs with a core to itself. The benchmarks print both.
"""

from __future__ import annotations

import os
import resource
import threading

from django.db import connection


def percentile(values: list[float], pct: float) -> float:
    """The ``pct`` percentile, interpolated between the two nearest ranks."""
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def load_average() -> str:
    """The machine's load average (1, 5, 15 min): figures mean little without it."""
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except (AttributeError, OSError):
        return "n/a"


def own_cpu_seconds() -> float:
    """CPU seconds of this process and of the children it has waited for (forked workers)."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
    )


def proc_cpu_ticks(pid: int) -> int | None:
    """CPU ticks (user + system) a process on this machine has used, or None if unreadable."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])


def backend_pid() -> int | None:
    """This connection's PostgreSQL backend process (None on another database)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    return pid


def backend_cpu_ticks() -> int | None:
    """CPU ticks used so far by this connection's PostgreSQL backend (a server on this machine)."""
    pid = backend_pid()
    return None if pid is None else proc_cpu_ticks(pid)


def ticks_to_seconds(ticks: int) -> float:
    return ticks / os.sysconf("SC_CLK_TCK")


class ServerCpu:
    """CPU seconds spent by the PostgreSQL backends of this database while it runs.

    A server on this machine only: a few times a second, the backends are found by their process
    title (``postgres: … <user> <database> …``) and their ``/proc/<pid>/stat`` read, so backends
    that exit meanwhile (those of forked workers) count up to their last sample. No database
    connection is used (it would be inherited by forked workers). ``seconds`` is None where that
    cannot be read.
    """

    def __init__(self) -> None:
        self.ticks: dict[int, int] = {}
        self.before: dict[int, int] = {}
        self.marker = f" {connection.settings_dict['NAME']} "
        self.readable = connection.vendor == "postgresql" and os.path.isdir("/proc/self")
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        if self.readable:
            self._sample()
            self.before = dict(self.ticks)  # backends already there count from now
            self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.readable:
            self.stop.set()
            self.thread.join()

    def _sample(self) -> None:
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/cmdline", "rb") as f:
                    title = f.read().decode(errors="replace")
            except OSError:
                continue
            if title.startswith("postgres:") and self.marker in title:
                ticks = proc_cpu_ticks(int(entry.name))
                if ticks is not None:
                    self.ticks[int(entry.name)] = ticks

    def _run(self) -> None:
        while True:
            self._sample()
            if self.stop.wait(0.25):
                self._sample()
                return

    @property
    def seconds(self) -> float | None:
        if not self.readable or not self.ticks:
            return None
        used = sum(ticks - self.before.get(pid, 0) for pid, ticks in self.ticks.items())
        return ticks_to_seconds(used)

    def describe(self) -> str:
        seconds = self.seconds
        return "n/a" if seconds is None else f"{seconds:.1f} s"
