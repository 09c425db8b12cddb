"""Query understanding: read "IMS for sciatic pain near Gurgaon" the same way on every backend.

Key ideas:
- The vocabulary is the database's: Technique, Condition and Profession names and
  their synonyms (edited in the admin). Elasticsearch synonym filters are not used,
  so an editor's new synonym works at once, on every engine, without a reindex.
- Longest phrase first ("sciatic pain" before "sciatic"), then typo tolerance for
  words of five letters or more ("sciatca" is sciatica); short abbreviations that are
  also English words ("DO" for osteopathic physicians) only count when typed in capitals.
- A place after "near", "around" or "in", or a capitalised place name or ZIP code,
  becomes the search's place; what remains is free text.
"""

import re
import threading
import time

from search import places
from search.query import Concept, Interpretation

LEXICON_TTL_SECONDS = 60
KINDS = ("technique", "condition", "profession")
STOPWORDS = {
    "a", "an", "the", "for", "with", "and", "or", "of", "to", "my", "me", "i", "who", "that", "does",
    "near", "around", "nearby", "close", "in", "at", "on", "by", "from", "best", "good", "find",
}  # fmt: skip
# Abbreviations that are also ordinary words: recognised only when typed in capitals.
WORDLIKE = {"do", "dc", "am", "is", "it", "as", "us", "no", "so", "up", "we", "be", "go", "he", "if", "me", "ms"}
PLACE_MARKERS = ("near", "around", "in", "nearby")
_WORD = re.compile(r"[\w'’&.+-]+")


def edit_distance(a, b, limit):
    """Damerau-Levenshtein distance, or limit + 1 as soon as it must exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_typos(term):
    length = len(term.replace(" ", ""))
    return 0 if length < 5 else 1 if length < 9 else 2


class Lexicon:
    """Folded term -> concepts it names, built from the vocabulary tables."""

    def __init__(self):
        from directory.models import Condition, Profession, Technique

        self.terms = {}
        self.wordlike = set()
        self.concepts = {}
        for kind, model in (("technique", Technique), ("condition", Condition), ("profession", Profession)):
            for item in model.objects.only("name", "slug", "synonyms"):
                names = [item.name, *item.synonym_list]
                self.concepts[(kind, item.slug)] = (item.name, names)
                for original, term in ((n, places.fold(n)) for n in names):
                    if not term:
                        continue
                    concept = Concept(kind, item.slug, item.name, term, terms=tuple(names))
                    self.terms.setdefault(term, [])
                    if concept not in self.terms[term]:
                        self.terms[term].append(concept)
                    if term in WORDLIKE and original.isupper():
                        self.wordlike.add(term)
        self.longest = max((len(t.split()) for t in self.terms), default=1)
        self.fuzzy_terms = [t for t in self.terms if allowed_typos(t)]

    def exact(self, words, original):
        term = " ".join(words)
        concepts = self.terms.get(term)
        if not concepts:
            return None
        if term in self.wordlike and " ".join(original) != term.upper():
            return None
        return concepts

    def fuzzy(self, words):
        term = " ".join(words)
        limit = allowed_typos(term)
        if not limit:
            return None
        best, best_distance = None, limit + 1
        for candidate in self.fuzzy_terms:
            if candidate.count(" ") != term.count(" ") or candidate[:1] != term[:1]:
                continue
            candidate_limit = min(limit, allowed_typos(candidate))
            distance = edit_distance(term, candidate, candidate_limit)
            if distance <= candidate_limit and distance < best_distance:
                best, best_distance = candidate, distance
        return self.terms[best] if best else None

    def complete(self, prefix, limit=8):
        """Concepts with a name or synonym starting with `prefix`, for autocomplete."""
        key = places.fold(prefix)
        if len(key) < 2:
            return []
        found = []
        for term, concepts in sorted(self.terms.items(), key=lambda item: (not item[0].startswith(key), item[0])):
            if not (term.startswith(key) or f" {key}" in f" {term}"):
                continue
            for concept in concepts:
                if all((c.kind, c.slug) != (concept.kind, concept.slug) for c in found):
                    found.append(concept)
        return found[:limit]


_lexicon = (0.0, None)
_lexicon_lock = threading.Lock()


def lexicon():
    global _lexicon
    built_at, lex = _lexicon
    if lex is None or time.monotonic() - built_at > LEXICON_TTL_SECONDS:
        with _lexicon_lock:
            lex = Lexicon()
            _lexicon = (time.monotonic(), lex)
    return lex


def forget_lexicon():
    """Called when vocabulary changes, so the next query reads the new synonyms."""
    global _lexicon
    _lexicon = (0.0, None)


def interpret(text, *, find_place=True):
    """Read the patient's words into concepts, a place and leftover free text."""
    result = Interpretation()
    original = _WORD.findall(text or "")
    folded = [places.fold(word) for word in original]
    tokens = [(o, f) for o, f in zip(original, folded, strict=True) if f]
    used = [False] * len(tokens)
    if find_place:
        result.place = _take_place(tokens, used, result.notices)
    lex = lexicon()
    for fuzzy in (False, True):
        for size in range(lex.longest, 0, -1):
            for start in range(0, len(tokens) - size + 1):
                span = range(start, start + size)
                if any(used[i] for i in span):
                    continue
                words = [w for i in span for w in tokens[i][1].split()]
                if not fuzzy:
                    concepts = lex.exact(words, [tokens[i][0] for i in span])
                elif all(w not in STOPWORDS for w in words):
                    concepts = lex.fuzzy(words)
                else:
                    concepts = None
                if not concepts:
                    continue
                for i in span:
                    used[i] = True
                matched = " ".join(tokens[i][0] for i in span)
                for concept in concepts:
                    if all(c.tag != concept.tag for c in result.concepts):
                        result.concepts.append(
                            Concept(concept.kind, concept.slug, concept.name, matched, fuzzy, concept.terms)
                        )
    leftover = [tokens[i][1] for i in range(len(tokens)) if not used[i] and tokens[i][1] not in STOPWORDS]
    result.text = " ".join(leftover)
    return result


def _take_place(tokens, used, notices):
    """Find a place in the words, mark its words used, and return it (or None)."""
    folded = [f for _, f in tokens]
    for index, word in enumerate(folded):
        if word not in PLACE_MARKERS:
            continue
        for size in (3, 2, 1):
            span = tokens[index + 1 : index + 1 + size]
            if len(span) < size:
                continue
            name = " ".join(o for o, _ in span)
            place = places.lookup(name)
            if place and not _is_vocabulary(span):
                for i in range(index, index + 1 + size):
                    used[i] = True
                return place
        if word != "in" and index + 1 < len(tokens):
            # "near Xyzzy": say so rather than searching for the word.
            unknown = tokens[index + 1][0]
            suggestions = places.suggest(unknown)
            hint = f" Did you mean {' or '.join(suggestions[:3])}?" if suggestions else ""
            notices.append(f"We don't know a place called “{unknown}”, so the search is not limited by place.{hint}")
            used[index] = used[index + 1] = True
            return None
    # Without a marker: a ZIP code, or capitalised words that name a known place.
    for size in (3, 2, 1):
        for start in range(len(tokens) - size, -1, -1):
            span = tokens[start : start + size]
            name = " ".join(o for o, _ in span)
            is_zip = size == 1 and re.fullmatch(r"\d{5}", name)
            if not is_zip and not all(o[:1].isupper() for o, _ in span):
                continue
            if _is_vocabulary(span) or any(used[start : start + size]):
                continue
            place = places.lookup_unmarked(name)
            if place:
                for i in range(start, start + size):
                    used[i] = True
                return place
    return None


def _is_vocabulary(span):
    lex = lexicon()
    words = [w for _, f in span for w in f.split()]
    return lex.exact(words, [o for o, _ in span]) is not None or all(w in STOPWORDS for w in words)
