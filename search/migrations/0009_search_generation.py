"""A generation value that every write to the search tables changes (search.backends.columns).

Triggers rather than calls in search.storage: every write counts, whoever makes it (a
rebuild, a test's fixture, a cascade from a deleted page, an administrator's SQL).
PostgreSQL: one statement-level trigger per table, the value from a sequence. SQLite has
only row triggers: an upsert per row, the value from random() (64 bits).
"""

from django.db import migrations, models

TABLES = (
    "search_searchdocument",
    "search_searchlisting",
    "search_searchfee",
    "search_conceptrank",
    "search_rankedconcept",
)

POSTGRES = [
    "CREATE SEQUENCE search_generation_seq",
    """
    CREATE FUNCTION search_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_searchgeneration (id, value) VALUES (1, nextval('search_generation_seq'))
        ON CONFLICT (id) DO UPDATE SET value = EXCLUDED.value;
        RETURN NULL;
    END $$
    """,
    *(
        f"CREATE TRIGGER {table}_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION search_generation_bump()"
        for table in TABLES
    ),
]
POSTGRES_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS {table}_generation ON {table}" for table in TABLES),
    "DROP FUNCTION IF EXISTS search_generation_bump()",
    "DROP SEQUENCE IF EXISTS search_generation_seq",
]
SQLITE = [
    f"CREATE TRIGGER {table}_generation_{event.lower()} AFTER {event} ON {table} BEGIN "
    "INSERT INTO search_searchgeneration (id, value) VALUES (1, random()) "
    "ON CONFLICT (id) DO UPDATE SET value = excluded.value; END"
    for table in TABLES
    for event in ("INSERT", "UPDATE", "DELETE")
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {table}_generation_{event.lower()}"
    for table in TABLES
    for event in ("INSERT", "UPDATE", "DELETE")
]


def run(statements):
    """Run the connection's vendor's statements (as migration 0002 does)."""

    def apply(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0008_concept_rank_keys")]

    operations = [
        migrations.CreateModel(
            name="SearchGeneration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.BigIntegerField()),
            ],
        ),
        migrations.RunPython(
            run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
