"""Fixed query lists shared by the benchmark scripts, so every figure answers the same questions.

TEXT_QUERIES are plain words, what both our search and Wagtail's built-in search can
answer (bench/against_wagtail.py); perf-query's latency mix may reuse them. Every
word here occurs in the generated data (bench/generate.py draws technique, condition,
profession, family-name and clinic-word vocabularies from the shipped reference data).
"""

TEXT_QUERIES = [
    "dry needling",
    "acupuncture",
    "sciatica",
    "low back pain",
    "physiotherapist",
    "chiropractor",
    "spinal manipulation",
    "plantar fasciitis",
    "sports physiotherapy",
    "Sharma",
    "Patel",
    "Cedar",
    "shockwave therapy",
    "cupping",
    "manual therapy",
    "tennis elbow",
]
