"""Column roles: header vocabulary, value sampling, [columns] configuration, the subject
column, the plan text, the policy's validation of [columns], and redact_rows."""

from __future__ import annotations

import pytest

from redact import Policy, PolicyError, Redactor
from redact.columns import describe, plan_columns
from redact.headers import match, words


@pytest.mark.parametrize(("header", "tokens"), [
    ("Patient_DOB", ("patient", "dob")),
    ("BirthDate", ("birth", "date")),
    ("BIRTHDATE", ("birth", "date")),
    ("ZIP5", ("zip", "5")),
    ("  e-mail address ", ("e", "mail", "address")),
    ("MRN #", ("mrn",)),
])
def test_header_words(header, tokens):
    assert words(header) == tokens


@pytest.mark.parametrize(("header", "role"), [
    ("DOB", "BIRTH_DATE"), ("Birth Date", "BIRTH_DATE"), ("date_of_birth", "BIRTH_DATE"),
    ("YOB", "BIRTH_DATE"), ("Visit Date", "DATE"), ("DEATHDATE", "DATE"), ("SSN", "SSN"),
    ("Social Security Number", "SSN"), ("MRN", "MRN"), ("Medical Record #", "MRN"),
    ("PatientID", "MRN"), ("Zip", "ZIP"), ("Postal Code", "ZIP"), ("First Name", "NAME"),
    ("LNAME", "NAME"), ("lastName", "NAME"), ("Attending Physician", "NAME"),
    ("Emergency Contact", "NAME"), ("Address", "ADDRESS"), ("Street Address", "ADDRESS"),
    ("City", "CITY"), ("County", "COUNTY"), ("FIPS", "COUNTY"), ("Phone", "PHONE"),
    ("Home Phone", "PHONE"), ("Fax #", "FAX"), ("Email", "EMAIL"), ("Provider", "NAME"),
    ("Notes", "text"), ("Comments", "text"), ("LAT", "COORDINATES"), ("Longitude", "COORDINATES"),
    ("Age", "AGE"), ("Pt Age", "AGE"), ("Sex", "keep:category"), ("RACE", "keep:category"),
    ("State", "keep:category"), ("Total Cost", "keep:number"), ("ICD10", "keep:code"),
    ("REASONCODE", "keep:code"), ("Id", "OTHER_ID"), ("Member ID", "HEALTH_PLAN"),
    ("Account Number", "ACCOUNT"), ("NPI", "NPI"), ("DEA #", "DEA"), ("VIN", "VIN"),
    ("Device Serial", "DEVICE"), ("URL", "URL"), ("IP Address", "IP_ADDRESS"),
    ("Photo", "PHOTO"), ("Fingerprint", "BIOMETRIC"), ("Passport", "PASSPORT"),
    ("DRIVERS", "DRIVER_LICENSE"), ("Licence No", "LICENSE"), ("Plate", "LICENSE_PLATE"),
    ("City, State Zip", "ADDRESS"), ("Hospital", "FACILITY"),
])
def test_header_roles(header, role):
    found = match(header)
    assert found is not None and found[0].role == role, (header, found)


@pytest.mark.parametrize("header", ["Drug Name", "Test Name", "first dose", "Diagnosis",
                                    "cell count x", "hello", ""])
def test_headers_that_say_nothing_or_something_else(header):
    found = match(header)
    assert found is None or found[0].role.startswith("keep:") or found[0].role != "NAME"


def roles(header, rows, **kw):
    plan = plan_columns(header, rows, **kw)
    return {c.name: (c.role, c.source, c.sure) for c in plan.columns}, plan


def test_values_decide_where_header_says_nothing():
    header = ["a", "b", "c", "d", "e", "f", "g"]
    rows = [["123-45-6789", "1d604da9-9a81-4ba9-80c2-de3375d59b40", "x@example.org",
             "(617) 555-0134", "2019-02-17T05:07:38Z", "12.5", "hello there"]] * 5
    got, _ = roles(header, rows)
    assert got["a"][0] == "SSN" and got["a"][1] == "values"
    assert got["b"][0] == "OTHER_ID"
    assert got["c"][0] == "EMAIL"
    assert got["d"][0] == "PHONE"
    assert got["e"][0] == "BIRTH_DATE"  # whose dates is unknown: fail closed
    assert got["f"] == ("text", "default", False)
    assert got["g"] == ("text", "default", False)


def test_weak_headers_need_agreeing_values():
    uuid = "1d604da9-9a81-4ba9-80c2-de3375d59b40"
    got, _ = roles(["PATIENT", "START", "STOP"], [[uuid, "2019-02-17", "office"]] * 3)
    assert got["PATIENT"][0] == "OTHER_ID"  # Synthea: a patient id, not a name
    assert got["START"] == ("DATE", "header", True)
    assert got["STOP"] == ("text", "default", False)


def test_strong_header_wins_but_is_unsure_when_values_disagree():
    got, plan = roles(["SSN"], [["declined"], ["unknown caller"], ["see chart"]])
    assert got["SSN"] == ("SSN", "header", False)
    assert "only 0/3" in plan.columns[0].why


def test_guarded_keep_falls_back_to_text_when_values_are_not_categories():
    rows = [[f"Patient {i} said {i * 7} things"] for i in range(150)]
    got, _ = roles(["Gender"], rows)
    assert got["Gender"] == ("text", "default", False)
    got, _ = roles(["Gender"], [["F"], ["M"], [""], ["NULL"]])
    assert got["Gender"] == ("keep", "header", True)


def test_config_wins_and_matches_case_insensitively():
    got, plan = roles(["Name", "Comment", "Zip"], [["a", "b", "02138"]],
                      config={"name": "keep", "COMMENT": "NAME", "Missing": "text"})
    assert got["Name"] == ("keep", "config", True)
    assert got["Comment"] == ("NAME", "config", True)
    assert got["Zip"][0] == "ZIP"
    assert any("'Missing'" in note for note in plan.notes)


@pytest.mark.parametrize(("header", "subject"), [
    (["Id", "MRN", "Name"], "MRN"),
    (["Id", "START", "PATIENT"], "Id"),  # without values PATIENT is taken for a name
    (["Encounter", "Patient ID"], "Patient ID"),
    (["Id", "Name"], "Id"),
    (["Name", "DOB"], None),
])
def test_subject_column_is_picked(header, subject):
    _, plan = roles(header, [])
    got = plan.columns[plan.subject].name if plan.subject is not None else None
    assert got == subject


def test_subject_column_patient_uuid_and_explicit():
    uuid = "1d604da9-9a81-4ba9-80c2-de3375d59b40"
    _, plan = roles(["Id", "START", "PATIENT"], [[uuid, "2019-01-01", uuid]])
    assert plan.columns[plan.subject].name == "PATIENT"
    _, plan = roles(["a", "b"], [], subject_column="B")
    assert plan.subject == 1
    with pytest.raises(KeyError):
        plan_columns(["a"], [], subject_column="zz")


def test_plan_text_marks_unsure_and_shows_no_values():
    rows = [["Kowalczyk", "617-555-0134", "secret words 4411"]]
    plan = plan_columns(["Last Name", "Phone", "Misc"], rows)
    text = describe(plan, Policy().operator_for, "t.csv")
    assert "Misc" in text and "UNSURE" in text and "unsure (1): Misc" in text
    assert "Kowalczyk" not in text and "555" not in text and "4411" not in text
    assert "NAME" in text and "tag" in text


# -- policy [columns] ------------------------------------------------------------------------
def write(tmp_path, body):
    p = tmp_path / "policy.toml"
    p.write_text(body, encoding="utf-8")
    return p


def test_policy_columns_and_subject(tmp_path):
    p = Policy.from_toml(write(tmp_path, '[policy]\nsubject_column = "MRN"\n[columns]\n'
                                         'MRN = "MRN"\n"Free Text" = "text"\nRace = "keep"\n'))
    assert p.columns == {"MRN": "MRN", "Free Text": "text", "Race": "keep"}
    assert p.subject_column == "MRN"
    assert p.to_dict()["columns"]["Race"] == "keep"


@pytest.mark.parametrize(("body", "expected"), [
    ('[columns]\nZip = "zipcode"\n', "columns.Zip = 'zipcode' is not a column role; allowed: "
     "text, keep or an entity type"),
    ("[columns]\nZip = 3\n", "columns.Zip = 3 is not a column role"),
    ('columns = "x"\n', r"\[columns\] must be a table"),
    ("[policy]\nsubject_column = 1\n", "policy.subject_column must be str, got int"),
    ("[colums]\n", r"unknown section \[colums\]; allowed: policy, operators, allow, columns"),
])
def test_policy_columns_validation(tmp_path, body, expected):
    with pytest.raises(PolicyError, match=expected):
        Policy.from_toml(write(tmp_path, body))


def test_policy_columns_in_code():
    with pytest.raises(PolicyError, match="not a column role"):
        Policy(columns={"Zip": "ZIPCODE"})


# -- redact_rows -----------------------------------------------------------------------------
def test_redact_rows_lists_dicts_and_types():
    r = Redactor(Policy(reference_date=__import__("datetime").date(2026, 1, 1)))
    rows = [["Kowalczyk", "03/14/1931", "02138", "F", None, 93],
            ["Okafor", "1985-06-02", "03601", "M", "call 617-555-0134", 45]]
    header = ["Last Name", "DOB", "Zip", "Sex", "Notes", "Age"]
    out = list(r.redact_rows(rows, header))
    assert out[0] == ["[NAME]", "90+", "021", "F", None, "90+"]
    assert out[1] == ["[NAME]", "1985", "000", "M", "call [PHONE]", 45]
    dicts = [dict(zip(header, row)) for row in rows]
    got = list(r.redact_rows(iter(dicts)))
    assert got[1] == {"Last Name": "[NAME]", "DOB": "1985", "Zip": "000", "Sex": "M",
                      "Notes": "call [PHONE]", "Age": 45}
    assert list(r.redact_rows([], ["a"])) == []


def test_redact_rows_errors_name_rows_not_values():
    r = Redactor()
    with pytest.raises(ValueError, match="header is required"):
        list(r.redact_rows([["Kowalczyk"]]))
    with pytest.raises(ValueError, match=r"row 2: 1 cell where the header has 2") as exc:
        list(r.redact_rows([["Kowalczyk", "F"], ["Okafor"]], ["Name", "Sex"]))
    assert "Okafor" not in str(exc.value)
