"""Test-wide guarantees: no network, no key unless a test sets one."""

from __future__ import annotations

import ipaddress
import socket

import pytest

TEST_KEY = "test-key-0123456789abcdef-not-secret"
OTHER_KEY = "another-key-fedcba9876543210-not-secret"


class NetworkDisabled(RuntimeError):
    pass


LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


def is_loopback(address) -> bool:  # noqa: ANN001
    """An (host, port, ...) address on this machine only."""
    host = address[0] if isinstance(address, tuple) and address else None
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except (TypeError, ValueError):
        return False


@pytest.fixture(autouse=True, scope="session")
def no_network():
    """Any attempt to open a network connection fails the test that made it.

    Loopback is allowed: Spark in local mode (tests/test_spark.py) talks to its own JVM over
    TCP on 127.0.0.1 (py4j, and the sockets that bring results back), which never leaves
    the machine. Every other address stays blocked.
    """
    original = socket.socket.connect

    def guard(self, address):  # noqa: ANN001
        if self.family == socket.AF_UNIX or is_loopback(address):
            return original(self, address)
        raise NetworkDisabled(f"network access attempted: {address!r}")

    socket.socket.connect = guard  # type: ignore[method-assign]
    try:
        yield
    finally:
        socket.socket.connect = original  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def no_env_key(monkeypatch):
    monkeypatch.delenv("REDACT_KEY", raising=False)


@pytest.fixture(scope="session")
def redactor():
    from redact import Redactor

    return Redactor()
