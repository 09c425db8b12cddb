"""PostgreSQL: a GIN index on the titles' own tsvector, for autocomplete's word-prefix matches.

A prefix on the weighted vector of 0003 also matched every word of every vocabulary and body
("pat" → "patellofemoral" in a third of the documents) before keeping the title's; at 100k
that was most of autocomplete's time.
"""

from django.db import migrations

FORWARD = "CREATE INDEX search_document_title_tsv ON search_searchdocument USING GIN (to_tsvector('simple', coalesce(title, '')))"
REVERSE = "DROP INDEX IF EXISTS search_document_title_tsv"


def run(sql):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0003_stored_search_vector")]

    operations = [migrations.RunPython(run(FORWARD), run(REVERSE))]
