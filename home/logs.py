"""A last line of defence for the logs: e-mail addresses and phone numbers are masked.

The code never logs personal data on purpose (tests/home/test_log_privacy.py runs the main
flows and checks every record), but an exception's text can quote a value it choked on: a
database error naming a duplicate key, a mail server refusing a recipient. The site's log
formatter masks addresses and phone-like numbers in the message and the traceback (not in the
line's own timestamp, which looks like a phone number to a pattern). It works on a copy of the
record, so other handlers see the record unchanged.
"""

import copy
import logging
import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"\+?\d[\d ().-]{6,}\d")


def redact(text):
    return PHONE.sub("[phone]", EMAIL.sub("[email]", text))


class RedactingFormatter(logging.Formatter):
    def format(self, record):
        record = copy.copy(record)
        record.msg, record.args = redact(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return super().format(record)
