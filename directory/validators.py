"""Validators for identifiers practitioners give us, so typos are caught at entry."""

import re

from django.core.exceptions import ValidationError


def luhn_checksum_ok(digits):
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_npi(value):
    """A US National Provider Identifier: 10 digits, starting 1 or 2, Luhn-checked over '80840' + NPI."""
    if not re.fullmatch(r"[12]\d{9}", value or ""):
        raise ValidationError("An NPI is 10 digits starting with 1 or 2.")
    if not luhn_checksum_ok("80840" + value):
        raise ValidationError("This NPI's check digit is wrong; please check the number.")


# Licence number shapes that a register publishes, by country and, where registers differ by
# profession, by profession; elsewhere we only require something sane.
AHPRA = (r"[A-Z]{3}\d{10}", "Ahpra registration numbers are three letters and ten digits, e.g. PHY0001234567.")
LICENCE_NUMBER_PATTERNS = {
    ("AU", None): AHPRA,  # one national register for every regulated profession
    ("GB", "physiotherapist"): (
        r"PH\d{5,6}",
        "HCPC physiotherapist registration numbers are PH and five or six digits, e.g. PH123456.",
    ),
    ("GB", "physician"): (r"\d{7}", "GMC reference numbers are seven digits, e.g. 1234567."),
}
GENERIC_LICENCE = (
    r"[A-Za-z0-9][A-Za-z0-9./ -]{1,38}[A-Za-z0-9]",
    "Use the number as the licensing board shows it (letters, digits, - . /).",
)


def validate_licence_number(number, country, profession_slug=None):
    number = (number or "").strip()
    pattern, message = LICENCE_NUMBER_PATTERNS.get(
        (country, profession_slug), LICENCE_NUMBER_PATTERNS.get((country, None), GENERIC_LICENCE)
    )
    if not re.fullmatch(pattern, number):
        raise ValidationError({"number": message})
