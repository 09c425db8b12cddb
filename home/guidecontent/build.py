"""Small constructors for guide body blocks, so the guide modules read as text."""


def section(kind, body, heading=""):
    return ("section", {"kind": kind, "heading": heading, "body": body})


def callout(tone, title, body):
    return ("callout", {"tone": tone, "title": title, "body": body})


def faq(items, heading="Frequently asked questions"):
    return ("faq", {"heading": heading, "items": [{"question": q, "answer": a} for q, a in items]})


def nearby(heading, technique="", condition="", limit=6):
    return (
        "nearby_practitioners",
        {"heading": heading, "technique": technique, "condition": condition, "limit": limit},
    )
