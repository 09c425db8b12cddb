"""Automatic findings: what a moderator should look at before deciding. Findings guide; a human decides.

Key ideas:
- Each check is a small function from text (or an item and its neighbours) to Findings,
  so a moderator sees *why* something was flagged ("phone number: 303 555 0143").
- Checks run once, when an item enters moderation, and are stored with it.
- Near-duplicates are found by word-shingle overlap (Jaccard) against the same
  page's reviews and the most recent reviews anywhere, which catches a text pasted
  onto several profiles with a word or two changed.
- A clinic's reply must not confirm that someone is its patient or disclose their
  health information: response_disclosures() finds what does, and the response form
  refuses it with the reason, before a moderator ever sees it.
"""

import datetime
import re
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from django.utils import timezone

SHORT_TEXT = 40
LONG_TEXT = 3500
BURST_WINDOW = datetime.timedelta(hours=24)
BURST_COUNT = 3  # this many reviews (including this one) from one address or e-mail in the window
DUPLICATE_SIMILARITY = 0.6
RECENT_FOR_DUPLICATES = 500

FREE_MAIL_DOMAINS = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.co.in",
        "yahoo.co.uk",
        "hotmail.com",
        "hotmail.co.uk",
        "outlook.com",
        "live.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "gmx.net",
        "mail.com",
        "yandex.com",
        "zoho.com",
        "rediffmail.com",
        "fastmail.com",
        "bigpond.com",
        "optusnet.com.au",
        "btinternet.com",
    ]
)

PROFANITY = (
    "fuck",
    "fucking",
    "fucked",
    "fucker",
    "motherfucker",
    "shit",
    "shitty",
    "bullshit",
    "bitch",
    "bastard",
    "asshole",
    "arsehole",
    "dickhead",
    "wanker",
    "cunt",
    "bollocks",
    "prick",
    "twat",
    "scumbag",
)

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
URL_RE = re.compile(
    r"(?:https?://|www\.)\S+|\b[a-z0-9][a-z0-9-]*\.(?:com|org|net|info|biz|io|co|in|au|uk|ca|us|health|clinic)\b(?:/\S*)?",
    re.IGNORECASE,
)
PHONE_RE = re.compile(r"(?<![\w/-])\+?\(?\d[\d ().-]{6,}\d(?![\w/-])")
DATE_LIKE_RE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
WORD_RE = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True)
class Finding:
    code: str
    label: str
    detail: str = ""

    def as_dict(self):
        return asdict(self)


LABELS = {
    "contact_email": "E-mail address in the text",
    "contact_phone": "Phone number in the text",
    "contact_link": "Web link in the text",
    "profanity": "Profanity",
    "duplicate": "Duplicate or near-duplicate text",
    "burst_address": "Many reviews from one network address",
    "burst_email": "Many reviews from one e-mail address",
    "own_domain": "Reviewer e-mail on the clinic's own domain",
    "very_short": "Very short",
    "very_long": "Very long",
}


def finding(code, detail=""):
    return Finding(code, LABELS[code], detail)


def _obfuscation_tolerant(word):
    """'fuck' also matches 'f*ck', 'f**k', 'fu¢k' style spellings: any one letter after the first may be masked."""
    return word[0] + "".join(f"(?:{re.escape(c)}|[*#@$%!.])" for c in word[1:])


PROFANITY_RE = re.compile(r"\b(?:" + "|".join(_obfuscation_tolerant(w) for w in PROFANITY) + r")\b", re.IGNORECASE)


def contact_details(text):
    found = []
    emails = EMAIL_RE.findall(text)
    if emails:
        found.append(finding("contact_email", ", ".join(emails[:3])))
    without_emails = EMAIL_RE.sub(" ", text)
    links = URL_RE.findall(without_emails)
    if links:
        found.append(finding("contact_link", ", ".join(links[:3])))
    phones = []
    for match in PHONE_RE.findall(without_emails):
        candidate = match.strip()
        digits = re.sub(r"\D", "", candidate)
        if len(digits) < 8 or len(digits) > 15 or DATE_LIKE_RE.match(candidate):
            continue
        phones.append(candidate)
    if phones:
        found.append(finding("contact_phone", ", ".join(phones[:3])))
    return found


def profanity(text):
    words = sorted({match.group(0).lower() for match in PROFANITY_RE.finditer(text)})
    return [finding("profanity", ", ".join(words))] if words else []


def length(text):
    size = len(text.strip())
    if size < SHORT_TEXT:
        return [finding("very_short", f"{size} characters")]
    if size > LONG_TEXT:
        return [finding("very_long", f"{size} characters")]
    return []


def shingles(text, size=3):
    words = WORD_RE.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def similarity(a, b):
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def duplicates(review, candidates):
    """Reviews among `candidates` whose text is the same as or close to this one's."""
    own = shingles(f"{review.title} {review.body}")
    matches = []
    for other in candidates:
        if other.pk == review.pk:
            continue
        score = similarity(own, shingles(f"{other.title} {other.body}"))
        if score >= DUPLICATE_SIMILARITY:
            matches.append((score, other.pk))
    if not matches:
        return []
    matches.sort(reverse=True)
    detail = ", ".join(f"review #{pk} ({round(score * 100)}% alike)" for score, pk in matches[:3])
    return [finding("duplicate", detail)]


def email_domain(email):
    return email.rpartition("@")[2].strip().lower()


def site_domains(clinics):
    """The domains a clinic writes from: its website's and its e-mail's, without 'www.' and free mail."""
    domains = set()
    for clinic in clinics:
        if clinic.website:
            host = (urlsplit(clinic.website).hostname or "").lower()
            domains.add(host.removeprefix("www."))
        if clinic.email:
            domains.add(email_domain(clinic.email))
    return {d for d in domains if d and d not in FREE_MAIL_DOMAINS}


def own_domain(email, clinics):
    domain = email_domain(email)
    for own in site_domains(clinics):
        if domain == own or domain.endswith(f".{own}"):
            return [finding("own_domain", domain)]
    return []


def review_findings(review):
    """Every automatic finding for a review about to enter moderation."""
    from reviews.models import Review
    from reviews.subjects import clinics_of

    text = f"{review.title}\n{review.body}\n{review.display_name}"
    found = contact_details(text) + profanity(text) + length(review.body)

    others = Review.objects.exclude(pk=review.pk).exclude(status=Review.Status.UNCONFIRMED)
    candidates = list(others.filter(page_id=review.page_id).only("title", "body")[:RECENT_FOR_DUPLICATES])
    candidates += list(others.exclude(page_id=review.page_id).only("title", "body")[:RECENT_FOR_DUPLICATES])
    found += duplicates(review, candidates)

    since = timezone.now() - BURST_WINDOW
    recent = Review.objects.filter(created_at__gte=since)
    if review.ip_hash:
        from_address = recent.filter(ip_hash=review.ip_hash).count()
        if from_address >= BURST_COUNT:
            found.append(finding("burst_address", f"{from_address} reviews in 24 hours"))
    from_email = recent.filter(email_key=review.email_key).count()
    if from_email >= BURST_COUNT:
        found.append(finding("burst_email", f"{from_email} reviews in 24 hours"))

    found += own_domain(review.email, clinics_of(review.page))
    return found


def response_findings(response):
    return contact_details(response.body) + profanity(response.body) + length(response.body)


# Phrases by which a reply would confirm that the reviewer was treated here.
CONFIRMING_PHRASES = (
    r"your (?:treatment|visit|visits|appointment|appointments|session|sessions|consultation|assessment|"
    r"diagnosis|records?|notes|file|chart|scan|x-ray|mri|prescription|plan of care|care plan|course of care|"
    r"condition|symptoms|injury|recovery|progress|case|therapist|physio|practitioner|exercises)",
    r"when (?:you|we) (?:came|come|saw|seen|treated|visited|attended)",
    r"(?:we|i) (?:treated|saw|examined|assessed|needled|adjusted|diagnosed|referred) you",
    r"as (?:our|a) patient",
    r"you (?:were|are) (?:seen|treated) (?:by|at|here)",
)
CONFIRMING_RE = re.compile(r"\b(?:" + "|".join(CONFIRMING_PHRASES) + r")\b", re.IGNORECASE)
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
DATE_RE = re.compile(
    r"\b(?:\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?|\d{4}-\d{2}-\d{2}|"
    r"(?:on|last|this past) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(?:\d{1,2}(?:st|nd|rd|th)? )?(?:" + "|".join(MONTHS) + r")(?: \d{1,2}(?:st|nd|rd|th)?)?(?:,? \d{4})?|"
    r"\d{1,2}(?:st|nd|rd|th)? may|may \d{1,2}(?:st|nd|rd|th)?)\b",
    re.IGNORECASE,
)


def response_disclosures(text, review):
    """What in a clinic's reply would identify the reviewer or confirm they were treated; [] if nothing.

    Returns sentences a manager can act on. Names: the reviewer's display name (any
    part of two letters or more). Dates of visit: calendar dates, weekdays, month
    names. Treatment details: the techniques and conditions the platform knows, and
    phrases such as "your treatment" or "when you came in".
    """
    from directory.models import Condition, Technique

    problems = []
    lowered = text.lower()
    name_parts = [part for part in re.split(r"[\s.,]+", review.display_name) if len(part) >= 3]
    named = [part for part in name_parts if re.search(rf"\b{re.escape(part.lower())}\b", lowered)]
    if named:
        problems.append(f"It names the reviewer ({', '.join(named)}).")
    dates = [m.group(0).strip() for m in DATE_RE.finditer(text)]
    if dates:
        problems.append(f"It mentions a date or day ({', '.join(dates[:3])}), which could confirm a visit.")
    terms = []
    for model in (Technique, Condition):
        for item in model.objects.only("name", "synonyms"):
            for term in item.terms:
                if len(term) >= 3 and re.search(rf"\b{re.escape(term)}\b", lowered):
                    terms.append(term)
                    break
    if terms:
        problems.append(f"It mentions treatment or health details ({', '.join(sorted(set(terms))[:4])}).")
    confirming = [m.group(0) for m in CONFIRMING_RE.finditer(text)]
    if confirming:
        problems.append(f"It confirms the reviewer was seen or treated (“{confirming[0]}”).")
    return problems
