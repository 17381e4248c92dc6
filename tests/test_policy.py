"""Policies are data; bad ones are refused with errors that name the key and the choices."""

from __future__ import annotations

import pytest

from redact import Policy, PolicyError


def write(tmp_path, body, name="policy.toml"):
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    return p


def test_default_is_safe_harbor():
    p = Policy()
    assert p.operator_for("NAME") == "tag"
    assert p.operator_for("DATE") == "generalize"
    assert p.operator_for("ZIP") == "generalize"
    assert p.needs_key() == []


def test_load_valid(tmp_path):
    p = Policy.from_toml(write(tmp_path, """
[policy]
min_score = 0.6
zip3_vintage = "2010"
reference_date = "2026-01-01"
[operators]
NAME = "hash"
DATE = "shift"
[allow]
terms = ["Hope Clinic"]
patterns = ["Room \\\\d+"]
"""))
    assert p.operator_for("NAME") == "hash" and p.zip3_vintage == "2010"
    assert p.needs_key() == ["DATE", "NAME"]
    assert p.allow_terms == ("Hope Clinic",)


@pytest.mark.parametrize(("body", "expected"), [
    ("[nonsense]\n", r"unknown section \[nonsense\]; allowed: policy, operators, allow"),
    ("[policy]\nspeed = 1\n", "unknown key policy.speed; allowed: min_score"),
    ("[operators]\nNAMES = 'tag'\n", "unknown entity operators.NAMES; allowed: default, NAME"),
    ("[operators]\nNAME = 'blur'\n", "operators.NAME = 'blur' is not an operator; allowed: tag"),
    ("[policy]\nmin_score = 'high'\n", "policy.min_score must be int or float, got str"),
    ("[policy]\nzip3_vintage = '1990'\n", "zip3_vintage '1990' unknown; allowed: all, 2000, 2010"),
    ("[operators]\nNAME = 'shift'\n", "'shift' applies only to BIRTH_DATE, DATE"),
    ("[operators]\nEMAIL = 'generalize'\n", "'generalize' applies only to"),
    ("[allow]\nterms = 'x'\n", "allow.terms must be a list of strings"),
    ("[allow]\npatterns = ['(']\n", "invalid regex"),
    ("not toml = = \n", "invalid TOML"),
    ("[policy]\nreference_date = 'yesterday'\n", "reference_date must be YYYY-MM-DD"),
])
def test_bad_policies(tmp_path, body, expected):
    with pytest.raises(PolicyError, match=expected):
        Policy.from_toml(write(tmp_path, body))


def test_pyproject_discovery(tmp_path):
    write(tmp_path, "[project]\nname='x'\n[tool.redact.operators]\nEMAIL = 'mask'\n",
          "pyproject.toml")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    p = Policy.discover(sub)
    assert p.operator_for("EMAIL") == "mask"
    assert "[tool.redact]" in p.source


def test_pyproject_without_table_gives_default(tmp_path):
    write(tmp_path, "[project]\nname='x'\n", "pyproject.toml")
    assert Policy.discover(tmp_path) == Policy()


def test_default_operator(tmp_path):
    p = Policy.from_toml(write(tmp_path, "[operators]\ndefault = 'mask'\nDATE = 'generalize'\n"))
    assert p.operator_for("NAME") == "mask" and p.operator_for("DATE") == "generalize"
