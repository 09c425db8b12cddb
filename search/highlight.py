"""Snippets with the matched words marked, for engines that do not highlight themselves."""

import re

from django.utils.html import escape

SNIPPET_WORDS = 24


def highlight(document, terms, limit=2):
    """Up to `limit` escaped snippets of the document's text with <mark> around matched terms."""
    terms = [t for t in dict.fromkeys(t.strip() for t in terms) if len(t) >= 2]
    if not terms:
        return []
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")\w*", re.IGNORECASE
    )
    snippets = []
    for text in (document.vocabulary, document.body, document.names):
        if not text:
            continue
        match = pattern.search(text)
        if not match:
            continue
        snippets.append(_snippet(text, match.start(), pattern))
        if len(snippets) >= limit:
            break
    return snippets


def _snippet(text, start, pattern):
    words_before = text[:start].split()[-6:]
    rest = text[start:].split()[: SNIPPET_WORDS - len(words_before)]
    chunk = " ".join(words_before + rest)
    marked, position = [], 0
    for match in pattern.finditer(chunk):
        marked.append(escape(chunk[position : match.start()]))
        marked.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    marked.append(escape(chunk[position:]))
    prefix = "… " if text[:start].split()[:-6] else ""
    suffix = " …" if len(text[start:].split()) > len(rest) else ""
    return prefix + "".join(marked) + suffix
