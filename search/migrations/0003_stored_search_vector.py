"""PostgreSQL: the weighted tsvector as a stored generated column, with its GIN index.

The expression index of 0002 let `@@` use the index, but ts_rank() had to rebuild the
vector of every matching row (half a second for a common word at 1k documents). A
stored column is built once per write. Not a model field: SQLite ranks with FTS5.
"""

from django.db import migrations

VECTOR = """(setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(names, '') || ' ' || coalesce(vocabulary, '')), 'B') ||
        setweight(to_tsvector('simple', coalesce(places, '')), 'C') ||
        setweight(to_tsvector('simple', coalesce(body, '')), 'D'))"""

FORWARD = [
    f"ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({VECTOR}) STORED",
    "CREATE INDEX search_document_vector ON search_searchdocument USING GIN (search_vector)",
    "DROP INDEX IF EXISTS search_document_tsv",
]
REVERSE = [
    f"CREATE INDEX search_document_tsv ON search_searchdocument USING GIN ({VECTOR})",
    "ALTER TABLE search_searchdocument DROP COLUMN search_vector",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0002_text_indexes")]

    operations = [migrations.RunPython(run(FORWARD), run(REVERSE))]
