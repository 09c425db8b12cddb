"""Full-text and tag indexes, in each database's own dialect (see search/backends/dialects.py).

SQLite: FTS5 tables with external content, kept in step by triggers. PostgreSQL: GIN
indexes on a weighted tsvector expression, trigrams (pg_trgm) and the tag array.
"""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE search_document_fts USING fts5(
        title, names, vocabulary, body, places,
        content='search_searchdocument', content_rowid='page_id',
        tokenize="unicode61 remove_diacritics 2")""",
    "CREATE VIRTUAL TABLE search_document_vocab USING fts5vocab(search_document_fts, 'row')",
    """CREATE TRIGGER search_document_ai AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_document_fts(rowid, title, names, vocabulary, body, places)
        VALUES (new.page_id, new.title, new.names, new.vocabulary, new.body, new.places); END""",
    """CREATE TRIGGER search_document_ad AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_document_fts(search_document_fts, rowid, title, names, vocabulary, body, places)
        VALUES ('delete', old.page_id, old.title, old.names, old.vocabulary, old.body, old.places); END""",
    """CREATE TRIGGER search_document_au AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_document_fts(search_document_fts, rowid, title, names, vocabulary, body, places)
        VALUES ('delete', old.page_id, old.title, old.names, old.vocabulary, old.body, old.places);
        INSERT INTO search_document_fts(rowid, title, names, vocabulary, body, places)
        VALUES (new.page_id, new.title, new.names, new.vocabulary, new.body, new.places); END""",
    """CREATE VIRTUAL TABLE search_listing_tags USING fts5(
        tags, content='search_searchlisting', content_rowid='id',
        tokenize="unicode61 tokenchars ':_-'")""",
    """CREATE TRIGGER search_listing_ai AFTER INSERT ON search_searchlisting BEGIN
        INSERT INTO search_listing_tags(rowid, tags) VALUES (new.id, new.tags); END""",
    """CREATE TRIGGER search_listing_ad AFTER DELETE ON search_searchlisting BEGIN
        INSERT INTO search_listing_tags(search_listing_tags, rowid, tags) VALUES ('delete', old.id, old.tags); END""",
    """CREATE TRIGGER search_listing_au AFTER UPDATE ON search_searchlisting BEGIN
        INSERT INTO search_listing_tags(search_listing_tags, rowid, tags) VALUES ('delete', old.id, old.tags);
        INSERT INTO search_listing_tags(rowid, tags) VALUES (new.id, new.tags); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_listing_au",
    "DROP TRIGGER IF EXISTS search_listing_ad",
    "DROP TRIGGER IF EXISTS search_listing_ai",
    "DROP TABLE IF EXISTS search_listing_tags",
    "DROP TRIGGER IF EXISTS search_document_au",
    "DROP TRIGGER IF EXISTS search_document_ad",
    "DROP TRIGGER IF EXISTS search_document_ai",
    "DROP TABLE IF EXISTS search_document_vocab",
    "DROP TABLE IF EXISTS search_document_fts",
]
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE INDEX search_document_tsv ON search_searchdocument USING GIN ((
        setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(names, '') || ' ' || coalesce(vocabulary, '')), 'B') ||
        setweight(to_tsvector('simple', coalesce(places, '')), 'C') ||
        setweight(to_tsvector('simple', coalesce(body, '')), 'D')))""",
    """CREATE INDEX search_document_trgm ON search_searchdocument
        USING GIN ((lower(title || ' ' || names || ' ' || vocabulary || ' ' || places)) gin_trgm_ops)""",
    "CREATE INDEX search_listing_tag_array ON search_searchlisting USING GIN ((string_to_array(tags, ' ')))",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_listing_tag_array",
    "DROP INDEX IF EXISTS search_document_trgm",
    "DROP INDEX IF EXISTS search_document_tsv",
]


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_documents")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
