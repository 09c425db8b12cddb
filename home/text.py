"""Free text typed by the public: kept exactly as typed, except invisible control characters.

Reviews, responses, appointment requests and clinic applications are stored as written (markup,
right-to-left text and emoji included) and escaped by the templates on output. C0 control
characters other than tab, line feed and carriage return (a browser's text area sends CR LF)
mean nothing in such text, can hide words from a moderator or a terminal, and PostgreSQL refuses
NUL; they are refused with a message naming the character, never stripped silently, so what is
stored is always what the person saw when they sent it.
"""

import re

from django import forms
from django.core.exceptions import ValidationError

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def refuse_control_characters(value):
    match = CONTROL_CHARACTERS.search(str(value))
    if match:
        raise ValidationError(
            "Please remove the invisible control character (U+%(code)04X) from this text; "
            "it was probably pasted in by accident.",
            code="control_character",
            params={"code": ord(match.group())},
        )


def refuse_line_breaks(value):
    """A one-line field (a name, a title) with a line break came from a script, not a browser; in an
    e-mail's subject it would start a new header line."""
    if "\n" in str(value) or "\r" in str(value):
        raise ValidationError("This field takes a single line: please remove the line break.", code="line_break")


class PlainTextForm:
    """Mixed into public forms: every text field refuses control characters, one-line fields line breaks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
                continue
            field.validators.append(refuse_control_characters)
            if not isinstance(field.widget, forms.Textarea):
                field.validators.append(refuse_line_breaks)
