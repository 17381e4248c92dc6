"""What a column header says about its column: the vocabulary behind CSV column roles.

A header is cut into lower-case words (``Patient_DOB`` -> ``patient dob``, ``BirthDate`` ->
``birth date``, ``ZIP5`` -> ``zip 5``; a few run-together exports such as ``BIRTHDATE`` or
``REASONCODE`` are listed in :data:`COMPOUNDS`) and matched against phrases. A phrase
matches when its words occur next to each other in the header; phrases marked ``=`` must be
the whole header (``id``, ``lat``, ``code``: too short to trust inside longer names).

Each rule is *strong* (the header alone decides) or *weak* (``start``, ``visit``,
``patient``, ``provider``: the sampled values must agree, otherwise the column is scanned as
free text). Rules are tried in :data:`RULES` order, so specific identifiers (``DOB``,
``SSN``) win over general ones (``date``, ``name``). ``keep:*`` rules name non-identifying
columns (sex, race, state, money, clinical codes); their cells are still checked one by one:
a known category word (:data:`CATEGORY_WORDS`), a number or a code stays, anything else is
scanned as text first.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Rule(NamedTuple):
    """Headers containing one of ``phrases`` have ``role``; ``strong`` says if values may
    overrule it."""

    role: str
    strong: bool
    phrases: tuple[str, ...]
    why: str


def _r(role: str, why: str, phrases: str, strong: bool = True) -> Rule:
    return Rule(role, strong, tuple(p.strip() for p in phrases.split(",") if p.strip()), why)


RULES: tuple[Rule, ...] = (
    _r("BIRTH_DATE", "a birth date", "dob, birth date, date of birth, birthday, bday, birth dt, "
       "d o b, birth year, year of birth, yob, born"),
    _r("DATE", "a date", "date, dt, dttm, datetime, timestamp, dos, date of death, dod, "
       "death date, deceased date"),
    _r("SSN", "a Social Security number", "ssn, social security, soc sec, ss number, ss no, "
       "=ss"),
    _r("MRN", "a medical record number", "mrn, medical record, med rec, medrec, record number, "
       "chart number, chart no, =chart, patient id, pat id, pt id, patient number, "
       "hospital number, unit number, mr number, mr no, emr id, ehr id, =patientid"),
    _r("HEALTH_PLAN", "a health plan beneficiary number", "member id, member number, member no, "
       "subscriber, beneficiary, mbi, hicn, medicare number, medicare id, medicaid number, "
       "medicaid id, policy number, policy id, insurance id, insurance number, health plan, "
       "plan member"),
    _r("CREDIT_CARD", "a card number", "credit card, card number, cc number, ccn"),
    _r("BANK_ROUTING", "a routing number", "routing, aba"),
    _r("IBAN", "an IBAN", "iban"),
    _r("ACCOUNT", "an account number", "account, acct, invoice, billing number"),
    _r("DRIVER_LICENSE", "a driver's licence", "drivers, driver, driving licence, dl number, "
       "=dl, dln"),
    _r("PASSPORT", "a passport number", "passport"),
    _r("DEA", "a DEA number", "dea"),
    _r("NPI", "an NPI", "npi"),
    _r("LICENSE", "a licence or certificate number", "license, licence, certificate, cert number"),
    _r("VIN", "a vehicle identifier", "vin, vehicle"),
    _r("LICENSE_PLATE", "a licence plate", "plate"),
    _r("DEVICE", "a device identifier", "device id, device serial, serial, udi, imei, "
       "mac address, implant id"),
    _r("EMAIL", "an email address", "email, e mail, mail"),
    _r("FAX", "a fax number", "fax"),
    _r("PHONE", "a phone number", "phone, telephone, tel, mobile, =cell, cell number, cellphone, pager, "
       "contact number, area code, =ph"),
    _r("URL", "a URL", "url, uri, website, web site, homepage, web page, link"),
    _r("IP_ADDRESS", "an IP address", "ip, ip address, ipv4, ipv6, ip addr"),
    _r("BIOMETRIC", "a biometric identifier", "fingerprint, biometric, voiceprint, retina, iris, "
       "palm"),
    _r("PHOTO", "a photograph", "photo, photograph, picture, image, headshot, selfie, avatar"),
    _r("ZIP", "a ZIP code", "zip, zipcode, postal, postcode"),
    _r("COUNTY", "a county (FIPS codes included)", "county, fips, parish, borough"),
    _r("CITY", "a city or place", "city, town, municipality, village, birthplace, birth place, "
       "place of birth"),
    _r("ADDRESS", "a street address", "address, addr, street, residence, po box"),
    _r("COORDINATES", "a geographic coordinate", "latitude, longitude, coordinates, coords, "
       "gps, geocode, geolocation, lat long, latlon, latlng, =lat, =lon, =lng, =long"),
    _r("FACILITY", "a facility name", "facility, hospital, clinic, practice name, site name"),
    _r("AGE", "an age", "age"),
    _r("NAME", "a person's name", "first name, =first, last name, =last, =fname, =lname, "
       "given name, =given, family name, surname, middle name, =middle, maiden, full name, "
       "patient name, pt name, "
       "provider name, physician, doctor, attending, nurse, clinician, practitioner, surgeon, "
       "pcp, referring, guardian, mother, father, spouse, next of kin, nok, emergency contact, "
       "caregiver, author, signed by, signer, ordered by, entered by, contact name, initials, "
       "employer, =name"),
    _r("OTHER_ID", "an identifier", "=id, uuid, guid, identifier, accession, claim id, "
       "claim number, case number, order number, encounter id, visit id, specimen id"),
    _r("keep:code", "a clinical code", "=code, icd, icd10, icd9, snomed, cpt, loinc, rxnorm, "
       "ndc, hcpcs, drg, reason code, diagnosis code, procedure code, dx code"),
    _r("text", "free text", "notes, note, comment, comments, description, desc, remarks, "
       "remark, narrative, text, message, msg, reason, instructions, history, summary, "
       "assessment, plan, impression, findings, details, body, subject, freetext, free text"),
    _r("keep:category", "a non-identifying category", "sex, gender, race, ethnicity, ethnic, "
       "marital, state, country, language, religion, prefix, suffix, blood type"),
    _r("keep:number", "an amount or count", "expenses, expense, coverage, income, cost, costs, "
       "amount, amt, price, charge, charges, payment, payments, paid, balance, copay, "
       "coinsurance, deductible, total, salary, revenue, fee, fees, reimbursement, quantity, "
       "qty, count, dispenses"),
    _r("DATE", "a date or time, if the values are dates", "start, stop, end, time, admit, "
       "admission, admitted, discharge, discharged, visit, appointment, appt, scheduled, "
       "created, updated, modified, onset, expiry, expires, expiration", strong=False),
    _r("NAME", "a person, if the values are names", "patient, provider, relative, kin, "
       "recipient", strong=False),
    _r("FACILITY", "an organisation, if the values are names", "organization, organisation",
       strong=False),
)

GEOGRAPHY = frozenset({"ZIP", "COUNTY", "CITY", "ADDRESS"})
ADDRESS_RULE = Rule("ADDRESS", True, (), "several parts of an address")

NOT_A_PERSON = frozenset(
    "drug medication med test lab procedure product file code device plan payer insurance "
    "facility hospital clinic organization organisation org company department dept unit ward "
    "location site study protocol vaccine brand generic item service diagnosis condition "
    "allergy allergen specialty program group class category type field column user".split())
"""'drug name', 'test name': a NAME rule with one of these words does not apply."""

COMPOUNDS: dict[str, str] = {
    "birthdate": "birth date", "deathdate": "death date", "birthplace": "birth place",
    "firstname": "first name", "lastname": "last name", "middlename": "middle name",
    "maidenname": "maiden name", "fullname": "full name", "zipcode": "zip code",
    "postalcode": "postal code", "phonenumber": "phone number", "emailaddress": "email address",
    "reasoncode": "reason code", "reasondescription": "reason description",
    "totalcost": "total cost", "basecost": "base cost", "dateofbirth": "date of birth",
    "patientid": "patient id", "patientname": "patient name", "streetaddress": "street address",
    "homephone": "home phone", "workphone": "work phone", "mobilephone": "mobile phone",
    "faxnumber": "fax number", "accountnumber": "account number", "memberid": "member id",
    "subscriberid": "subscriber id", "policynumber": "policy number", "visitdate": "visit date",
    "admitdate": "admit date", "dischargedate": "discharge date", "startdate": "start date",
    "enddate": "end date", "servicedate": "service date", "ipaddress": "ip address",
    "driverslicense": "drivers license", "medicalrecordnumber": "medical record number",
    "encounterid": "encounter id", "claimid": "claim id", "payercoverage": "payer coverage",
}

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])")
_WORD = re.compile(r"[a-z0-9]+")


def words(header: str) -> tuple[str, ...]:
    """``'Patient_DOB'`` -> ``('patient', 'dob')``; ``'BIRTHDATE'`` -> ``('birth', 'date')``."""
    split = _CAMEL.sub(" ", header.strip())
    out: list[str] = []
    for w in _WORD.findall(split.lower()):
        out.extend(COMPOUNDS.get(w, w).split())
    return tuple(out)


def _contains(hay: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))


def match(header: str) -> tuple[Rule, str] | None:
    """The first rule whose phrase occurs in ``header``, and that phrase; None if none."""
    tokens = words(header)
    if not tokens:
        return None
    first: tuple[Rule, str] | None = None
    for rule in RULES:
        phrase = _phrase(rule, tokens)
        if phrase is None:
            continue
        if first is None:
            first = (rule, phrase)
            if rule.role not in GEOGRAPHY:
                return first
        elif rule.role in GEOGRAPHY and rule.role != first[0].role:
            # 'City State Zip', 'Address/City': several places in one cell
            return ADDRESS_RULE, f"{first[1]} + {phrase}"
    return first


def _phrase(rule: Rule, tokens: tuple[str, ...]) -> str | None:
    for phrase in rule.phrases:
        exact = phrase.startswith("=")
        needle = tuple(phrase.lstrip("=").split())
        hit = tokens == needle if exact else _contains(tokens, needle)
        if hit and not (rule.role == "NAME" and NOT_A_PERSON.intersection(tokens)):
            return phrase.lstrip("=")
    return None


_STATES = (
    "alabama al alaska ak arizona az arkansas ar california ca colorado co connecticut ct "
    "delaware de florida fl georgia ga hawaii hi idaho id illinois il indiana in iowa ia "
    "kansas ks kentucky ky louisiana la maine me maryland md massachusetts ma michigan mi "
    "minnesota mn mississippi ms missouri mo montana mt nebraska ne nevada nv ohio oh "
    "oklahoma ok oregon or pennsylvania pa tennessee tn texas tx utah ut vermont vt "
    "virginia va washington wa wisconsin wi wyoming wy dc pr gu vi as mp"
).split()
_STATE_PHRASES = ("new hampshire", "new jersey", "new mexico", "new york", "north carolina",
                  "north dakota", "rhode island", "south carolina", "south dakota",
                  "west virginia", "district of columbia", "puerto rico", "guam",
                  "u.s. virgin islands", "virgin islands", "american samoa",
                  "northern mariana islands", "nh", "nj", "nm", "ny", "nc", "nd", "ri", "sc",
                  "sd", "wv")
_OTHER = (
    # sex and gender
    "m f u o x male female man woman boy girl unknown other nonbinary non-binary intersex "
    "transgender undifferentiated declined "
    # race and ethnicity (OMB categories and common short forms)
    "white black asian native hispanic nonhispanic non-hispanic latino latina latinx "
    "caucasian multiracial biracial pacific islander "
    # marital status
    "married single divorced widowed separated partnered s d w p never married "
    # name prefixes and suffixes
    "mr mr. mrs mrs. ms ms. miss mx mx. dr dr. prof prof. rev rev. jr jr. sr sr. ii iii iv v "
    "md m.d. phd ph.d. jd j.d. do d.o. rn np pa dds dmd esq esq. "
    # languages, countries, yes/no
    "english spanish french chinese mandarin cantonese portuguese arabic russian vietnamese "
    "korean haitian creole tagalog german italian polish japanese hindi us usa u.s. "
    "united states canada mexico yes no y n true false none n/a na"
).split()
_PHRASES = ("american indian or alaska native", "black or african american",
            "native hawaiian or other pacific islander", "hispanic or latino",
            "not hispanic or latino", "other race", "two or more races", "african american",
            "american indian", "alaska native", "native american", "domestic partner",
            "life partner", "legally separated", "united states of america")
CATEGORY_WORDS: frozenset[str] = frozenset((*_STATES, *_STATE_PHRASES, *_OTHER, *_PHRASES))
"""Values of non-identifying category columns (sex, race, ethnicity, marital status, state,
name prefix/suffix, language) kept without a scan. Any other value of such a column is
scanned as text first, and kept only if the scan finds nothing."""
