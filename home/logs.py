"""A last line of defence for the logs: e-mail addresses and phone numbers are masked.

The code never logs personal data on purpose (tests/home/test_log_privacy.py runs the main
flows and checks every record), but an exception's text can quote a value it choked on: a
database error naming a duplicate key, a mail server refusing a recipient. The site's log
formatter masks addresses and phone-like numbers in the whole formatted line, traceback
included. It works on the output, not the record, so other handlers see the record unchanged.
"""

import logging
import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"\+?\d[\d ().-]{6,}\d")


def redact(text):
    return PHONE.sub("[phone]", EMAIL.sub("[email]", text))


class RedactingFormatter(logging.Formatter):
    def format(self, record):
        return redact(super().format(record))
