"""Test-wide guarantees: no network, no key unless a test sets one."""

from __future__ import annotations

import socket

import pytest

TEST_KEY = "test-key-0123456789abcdef-not-secret"
OTHER_KEY = "another-key-fedcba9876543210-not-secret"


class NetworkDisabled(RuntimeError):
    pass


@pytest.fixture(autouse=True, scope="session")
def no_network():
    """Any attempt to open a network connection fails the test that made it."""
    original = socket.socket.connect

    def guard(self, address):  # noqa: ANN001
        if self.family == socket.AF_UNIX:
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
