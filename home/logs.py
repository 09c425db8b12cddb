"""A last line of defence for the logs: e-mail addresses and phone numbers are masked.

The code never logs personal data on purpose (tests/home/test_log_privacy.py runs the main
flows and checks every record), but an exception's text can quote a value it choked on: a
database error naming a duplicate key, a mail server refusing a recipient. This filter, on
every handler, masks addresses and phone-like numbers in the message and its traceback.
"""

import logging
import re
import traceback

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"\+?\d[\d ().-]{6,}\d")


def redact(text):
    return PHONE.sub("[phone]", EMAIL.sub("[email]", text))


class RedactPersonalData(logging.Filter):
    def filter(self, record):
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip())
        return True
