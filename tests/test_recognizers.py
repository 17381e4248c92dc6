"""Each recognizer: positives in several formats, look-alike negatives. Values are synthetic."""

from __future__ import annotations

import pytest

import recognizers as R
from recognizers.base import Doc


def found(cls, text: str) -> list[str]:
    return [text[h.start:h.end] for h in cls().find(Doc(text, 2026))]


def redacted(redactor, text: str) -> str:
    return redactor.redact(text).text


POSITIVES = [
    # (recognizer, text, expected value)
    (R.NameRecognizer, "Seen by Mr. Kowalczyk today", "Kowalczyk"),
    (R.NameRecognizer, "Patient: SMITH, JOHN  MRN: 1", "SMITH, JOHN"),
    (R.NameRecognizer, "John A. Smith was admitted", "John A. Smith"),
    (R.NameRecognizer, "Discussed with Dr. Hunter.", "Hunter"),
    (R.NameRecognizer, "pt seen by jones, plan to dc", "jones"),
    (R.NameRecognizer, "Daughter Mary at bedside.", "Mary"),
    (R.NameRecognizer, "Electronically signed by: Jane Roe, MD", "Jane Roe"),
    (R.NameRecognizer, "SON MARK AT BEDSIDE, UPDATED.", "MARK"),
    (R.NameRecognizer, "report given to oncoming rn. -- hunter", "hunter"),
    (R.NameRecognizer, "08:30  OKAFOR, CHIDI E      0012345", "OKAFOR, CHIDI E"),
    (R.AddressRecognizer, "Lives at 123 Main Street Apt 4B, Boston", "123 Main Street Apt 4B"),
    # a number before prose words must not hide the address that follows it
    (R.AddressRecognizer, "seen 3/4/2020 at 12 Main St, Boston", "12 Main St"),
    (R.AddressRecognizer, "appt at 2 pm at 45 Oak Ave.", "45 Oak Ave."),
    (R.AddressRecognizer, "Mail to PO Box 2231 please", "PO Box 2231"),
    (R.AddressRecognizer, "home: 5294 N MILL ST., FRAMINGHAM", "5294 N MILL ST."),
    (R.CityRecognizer, "Springfield, IL 62704", "Springfield"),
    (R.CityRecognizer, "She lives alone in Worcester with her cat", "Worcester"),
    (R.CountyRecognizer, "Resident of Middlesex County since birth", "Middlesex County"),
    (R.ZipRecognizer, "Boston, MA 02115-1234", "02115-1234"),
    (R.ZipRecognizer, "zip code: 10001", "10001"),
    (R.CoordinatesRecognizer, "EMS GPS 42.36010, -71.05890.", "42.36010, -71.05890"),
    (R.FacilityRecognizer, "Transferred from Springfield General Hospital", "Springfield General Hospital"),
    (R.DateRecognizer, "seen 07/22/2019 14:35", "07/22/2019 14:35"),
    (R.DateRecognizer, "on 7/22/19", "7/22/19"),
    (R.DateRecognizer, "since 7/22", "7/22"),
    (R.DateRecognizer, "2019-07-22", "2019-07-22"),
    (R.DateRecognizer, "at 2019-02-17T05:07:38Z ok", "2019-02-17T05:07:38Z"),
    (R.DateRecognizer, "admitted 22-JUL-2019", "22-JUL-2019"),
    (R.DateRecognizer, "July 22, 2019", "July 22, 2019"),
    (R.DateRecognizer, "surgery 22 Jul", "22 Jul"),
    (R.DateRecognizer, "on the 22nd of July", "the 22nd of July"),
    (R.DateRecognizer, "last seen Jul 2019", "Jul 2019"),
    (R.AgeRecognizer, "a 92 yo woman", "92 yo"),
    (R.AgeRecognizer, "92-year-old man", "92-year-old"),
    (R.AgeRecognizer, "age 92", "92"),
    (R.AgeRecognizer, "ninety-two years old", "ninety-two years old"),
    (R.BirthYearRecognizer, "born in 1929", "1929"),
    (R.PhoneRecognizer, "call (617) 555-0134 x204", "(617) 555-0134 x204"),
    (R.PhoneRecognizer, "cell 617.555.0134", "617.555.0134"),
    (R.PhoneRecognizer, "+1 617 555 0134", "+1 617 555 0134"),
    (R.FaxRecognizer, "fax: 617-555-0199", "617-555-0199"),
    (R.FaxRecognizer, "F: (617) 555-0199", "(617) 555-0199"),
    (R.EmailRecognizer, "write jane.roe+clinic@example.org", "jane.roe+clinic@example.org"),
    (R.SsnRecognizer, "SSN 219-09-9998", "219-09-9998"),
    (R.SsnRecognizer, "social security no. 219099998", "219099998"),
    (R.MedicalRecordRecognizer, "MRN: 00123456", "00123456"),
    (R.MedicalRecordRecognizer, "MR# A1234567", "A1234567"),
    (R.MedicalRecordRecognizer, "medical record number 7654321", "7654321"),
    (R.HealthPlanRecognizer, "Medicare 1EG4-TE5-MK73", "1EG4-TE5-MK73"),
    (R.HealthPlanRecognizer, "Member ID: XJH123456789", "XJH123456789"),
    (R.AccountRecognizer, "acct # 88812345", "88812345"),
    (R.CreditCardRecognizer, "card 4111 1111 1111 1111", "4111 1111 1111 1111"),
    (R.RoutingNumberRecognizer, "routing 011000015", "011000015"),
    (R.IbanRecognizer, "IBAN GB82 WEST 1234 5698 7654 32", "GB82 WEST 1234 5698 7654 32"),
    (R.LicenseRecognizer, "driver's license S12345678", "S12345678"),
    (R.LicenseRecognizer, "RN license #: RN-716461", "RN-716461"),
    (R.DeaRecognizer, "DEA AB1234563", "AB1234563"),
    (R.NpiRecognizer, "NPI 1234567893", "1234567893"),
    (R.VinRecognizer, "VIN 1HGCM82633A004352", "1HGCM82633A004352"),
    (R.LicensePlateRecognizer, "plate ABC-1234", "ABC-1234"),
    (R.DeviceRecognizer, "pacemaker serial PJN123456", "PJN123456"),
    (R.DeviceRecognizer, "UDI (01)00884521234563(17)280101(21)SN12345", "(01)00884521234563(17)280101(21)SN12345"),
    (R.UrlRecognizer, "see https://portal.example.org/pt?id=9.", "https://portal.example.org/pt?id=9"),
    (R.UrlRecognizer, "blog at www.example.com/jane", "www.example.com/jane"),
    (R.IpAddressRecognizer, "login from 192.168.1.20", "192.168.1.20"),
    (R.IpAddressRecognizer, "from 2001:db8::8a2e:370:7334.", "2001:db8::8a2e:370:7334"),
    (R.BiometricRecognizer, "fingerprint template FP-88213-XK on file", "FP-88213-XK"),
    (R.BiometricRecognizer, "voiceprint ID: VP99812", "VP99812"),
    (R.PhotoRecognizer, "attached IMG_20240312_0931.jpg", "IMG_20240312_0931.jpg"),
    (R.PhotoRecognizer, "src=data:image/png;base64,iVBORw0KGgo=", "data:image/png;base64,iVBORw0KGgo="),
    (R.OtherIdRecognizer, "Claim #: CLM-2024-88123", "CLM-2024-88123"),
    (R.OtherIdRecognizer, "accession no. S24-11872", "S24-11872"),
    (R.LongNumberRecognizer, "08:30  Jane Doe  00458812  Telehealth", "00458812"),
]


@pytest.mark.parametrize(("cls", "text", "value"), POSITIVES,
                         ids=[f"{c.__name__}-{i}" for i, (c, _, _) in enumerate(POSITIVES)])
def test_positive(cls, text, value):
    assert value in found(cls, text)


NEGATIVES = [
    "BP 120/80, HR 88, RR 16, T 98.6 F, SpO2 97% on RA.",
    "metoprolol 25 mg PO BID, Lasix 40 mg IV x 3 days, 1 tab q6h prn.",
    "Hgb 11.2, WBC 7.4, Na 138, Cr 1.1, EF 55%, INR 2.3, pain 7/10, strength 4/5.",
    "Dx: E11.9, I10; CPT 99213; HCPCS G0439.",
    "Moved to Massachusetts from Texas; lives in MA.",
    "Quit smoking in 2015. Since 2019 stable.",
    "67 yo man, age 45 sister, 89-year-old father.",
    "Will follow up. May resume diet. Hope to discharge. Bland diet. Gene panel sent.",
    "Ambulated with walker. Brown stool. White count normal. Hunter's canal block.",
    "Murphy's sign negative. Glasgow Coma Scale 15. Crohn's disease. Graves' disease.",
    "Card 4111 1111 1111 1112 fails the check.",
    "Page 1 of 3. Shift 0700-1900. Room 12.",
    "EKG with NSR, no ST changes. Echo 2019 EF 55-60%, mild MR, no WMA.",
    "Patient seen and examined; discussed with patient and wife at bedside. HCP is wife.",
    "Continue metoprolol, atorvastatin 80 mg. Full code. Dispo pending workup.",
    "Lungs: CTAB. Heart: RRR, no murmurs. Abdomen: soft, NT/ND.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negative(redactor, text):
    assert redacted(redactor, text) == text


def test_invalid_checksums_not_found():
    assert found(R.DeaRecognizer, "DEA AB1234567") == []  # wrong check digit
    assert found(R.NpiRecognizer, "1234567890") == []
    assert found(R.IbanRecognizer, "GB82 WEST 1234 5698 7654 33") == []
    assert found(R.RoutingNumberRecognizer, "routing 011000016") == []
    assert found(R.SsnRecognizer, "000-12-3456, 666-12-3456, 912-12-3456, 123-00-4567") == []
    # a VIN-shaped code with a wrong check digit stays below the reporting threshold
    assert all(h.score < 0.5 for h in R.VinRecognizer().find(Doc("1HGCM82633A004353", 2026)))


def test_registry_covers_all_18_letters():
    table = R.registry()
    assert list(table) == list("ABCDEFGHIJKLMNOPQR")
    assert all(table[letter] for letter in table)
    for cls in R.ALL:
        assert cls.LETTER in table and cls in table[cls.LETTER]


def test_context_boost_without_lemmas():
    """Context words raise a weak match's score using the raw text (no spaCy lemmas)."""
    rec = R.CreditCardRecognizer()
    plain = rec.find(Doc("4111 1111 1111 1111", 2026))
    assert plain and plain[0].score == 1.0  # Luhn-validated: full confidence either way
    rec = R.SsnRecognizer()
    weak = rec.find(Doc("ref 219 09 9998", 2026))
    boosted = rec.find(Doc("ssn: 219 09 9998", 2026))
    assert max(h.score for h in boosted) > max(h.score for h in weak)
