"""redact's recognizers: one module per HIPAA Safe Harbor group, one registry for all.

Each recognizer class declares the letter (A-R) of 45 CFR 164.514(b)(2)(i) it covers.
:func:`registry` maps every letter to the recognizers that cover it, so a reader (or
``redact identifiers``) can check that none of the eighteen is left uncovered.

The classes are plain Python so that importing them stays cheap; ``rec.as_presidio()``
turns any of them into a genuine ``presidio_analyzer.EntityRecognizer``.
"""

from __future__ import annotations

import redact  # noqa: F401  (checks first that no compiled module is older than its source)
from recognizers.accounts import (
    AccountRecognizer,
    CreditCardRecognizer,
    IbanRecognizer,
    RoutingNumberRecognizer,
)
from recognizers.base import Doc, Hit, Pattern, Recognizer
from recognizers.biometrics import BiometricRecognizer
from recognizers.dates import AgeRecognizer, BirthYearRecognizer, DateRecognizer
from recognizers.devices import DeviceRecognizer
from recognizers.email import EmailRecognizer
from recognizers.geography import (
    AddressRecognizer,
    CityRecognizer,
    CoordinatesRecognizer,
    CountyRecognizer,
    FacilityRecognizer,
    ZipRecognizer,
)
from recognizers.health_plan import HealthPlanRecognizer
from recognizers.ip import IpAddressRecognizer
from recognizers.licenses import DeaRecognizer, LicenseRecognizer, NpiRecognizer
from recognizers.medical_record import MedicalRecordRecognizer
from recognizers.names import NameRecognizer
from recognizers.other_ids import LongNumberRecognizer, OtherIdRecognizer
from recognizers.phone import FaxRecognizer, PhoneRecognizer
from recognizers.photos import PhotoRecognizer
from recognizers.ssn import SsnRecognizer
from recognizers.urls import UrlRecognizer
from recognizers.vehicles import LicensePlateRecognizer, VinRecognizer

ALL: tuple[type[Recognizer], ...] = (
    NameRecognizer,
    AddressRecognizer, CityRecognizer, CountyRecognizer, ZipRecognizer, CoordinatesRecognizer,
    FacilityRecognizer,
    DateRecognizer, AgeRecognizer, BirthYearRecognizer,
    PhoneRecognizer,
    FaxRecognizer,
    EmailRecognizer,
    SsnRecognizer,
    MedicalRecordRecognizer,
    HealthPlanRecognizer,
    AccountRecognizer, CreditCardRecognizer, RoutingNumberRecognizer, IbanRecognizer,
    LicenseRecognizer, DeaRecognizer, NpiRecognizer,
    VinRecognizer, LicensePlateRecognizer,
    DeviceRecognizer,
    UrlRecognizer,
    IpAddressRecognizer,
    BiometricRecognizer,
    PhotoRecognizer,
    OtherIdRecognizer, LongNumberRecognizer,
)
"""Every recognizer redact runs by default, in Safe Harbor order."""


def registry() -> dict[str, list[type[Recognizer]]]:
    """Safe Harbor letter -> the recognizer classes that cover it (all 18 letters present)."""
    from redact.letters import LETTERS

    table: dict[str, list[type[Recognizer]]] = {letter: [] for letter in LETTERS}
    for cls in ALL:
        table[cls.LETTER].append(cls)
    return table


def default_recognizers() -> list[Recognizer]:
    """One instance of each recognizer (instances compile their patterns once)."""
    return [cls() for cls in ALL]


__all__ = ["ALL", "Doc", "Hit", "Pattern", "Recognizer", "default_recognizers", "registry"]
