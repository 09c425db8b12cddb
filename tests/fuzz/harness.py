"""What the fuzz tests share: how many cases to run, hostile values, and a tally of the answers.

`INSCOPE_FUZZ_SCALE` multiplies every fuzz test (the suite's default keeps them under a minute and
a half on two cores; bench/fuzz.sh runs far more). Hypothesis runs derandomized, so a failure
found once is found again.
"""

import os
from collections import Counter

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

SCALE = float(os.environ.get("INSCOPE_FUZZ_SCALE", "1"))

# Values that broke real forms somewhere: markup, NUL and other control characters, right-to-left
# overrides, emoji, numbers that overflow, dates that do not exist, and very long strings.
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x07\x1b[31m",
    "\r\n\t",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}{% debug %}",
    "\u202eevil\u202c",
    "مرحبا بالعالم",
    "😀👍🏽‍🩺",
    "0",
    "-1",
    "9" * 40,
    "1e309",
    "NaN",
    "-0.0",
    "2026-13",
    "0000-00",
    "../../etc/passwd",
    "'; DROP TABLE reviews; --",
    "a" * 70_000,
    "x@" + "y" * 300 + ".example",
]

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=200) | st.sampled_from(NASTY)
VALUE = TEXT | st.lists(TEXT, min_size=2, max_size=3)


def examples(default):
    return max(1, int(default * SCALE))


def fuzz_settings(default):
    return settings(
        max_examples=examples(default),
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )


def mutations(base):
    """POST data derived from a valid submission: fields replaced, dropped, repeated, or added."""
    keys = sorted(base)
    return st.tuples(
        st.dictionaries(st.sampled_from(keys), VALUE, max_size=len(keys)),
        st.sets(st.sampled_from(keys), max_size=3),
        st.dictionaries(TEXT.filter(bool), VALUE, max_size=2),
    ).map(lambda parts: _apply(base, *parts))


def _apply(base, replaced, dropped, extra):
    data = {key: value for key, value in base.items() if key not in dropped}
    data.update(replaced)
    for key, value in extra.items():
        data.setdefault(key, value)
    return data


class Tally:
    """How many cases ran and which statuses came back, printed for bench/fuzz.sh."""

    def __init__(self, name):
        self.name = name
        self.statuses = Counter()

    def record(self, response, case):
        self.statuses[response.status_code] += 1
        assert response.status_code < 500, f"{self.name}: {response.status_code} for {case!r}"

    @property
    def total(self):
        return sum(self.statuses.values())

    def report(self):
        codes = ", ".join(f"{code}: {count}" for code, count in sorted(self.statuses.items()))
        print(f"\nfuzz {self.name}: {self.total} cases ({codes})")
