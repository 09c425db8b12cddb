"""Writing many rows fast without breaking what Wagtail and Django expect of them.

Key ideas:
- Rows are tuples for a declared list of columns; every other column of the table gets
  its model default, worked out once per table (auto_now fields get "now"). A column
  that is NOT NULL without a default and not given is an error before anything is sent.
- PostgreSQL gets COPY (psycopg 3), SQLite executemany; values are converted for the
  database only where the driver would not do it right (JSON everywhere; datetimes,
  UUIDs and decimals on SQLite), so a row costs a tuple, not a model instance.
- Pages are Wagtail's multi-table inheritance: a wagtailcore_page row and a child row
  sharing the id. bulk_create refuses that, so ids are allocated here and both rows are
  written directly; treebeard's materialised path, depth and numchild and Wagtail's
  url_path are computed the way add_child would, and the parent's numchild is updated
  in the same transaction. Sequences are moved past the ids used at the end.
"""

import json

from django.core.management.color import no_style
from django.db import connection
from django.db.models import DateField, DateTimeField
from django.utils import timezone
from wagtail.models import Page

CONVERT = {
    "postgresql": {"JSONField"},
    "sqlite": {"JSONField", "DateTimeField", "UUIDField", "DecimalField", "TimeField"},
}


class Table:
    """One table's insert: the columns given per row plus the defaults of all others."""

    def __init__(self, model, columns):
        self.model = model
        fields = {f.attname: f for f in model._meta.local_concrete_fields}
        unknown = [c for c in columns if c not in fields]
        if unknown:
            raise ValueError(f"{model.__name__} has no column {', '.join(unknown)}")
        now = timezone.now()
        self.defaults = []
        for attname, field in fields.items():
            if attname in columns or (field.primary_key and field.get_internal_type().endswith("AutoField")):
                continue
            if isinstance(field, (DateField, DateTimeField)) and (field.auto_now or field.auto_now_add):
                value = now if isinstance(field, DateTimeField) else now.date()
            else:
                value = field.get_default()
            if value is None and not field.null:
                raise ValueError(f"{model.__name__}.{attname} is required and has no default: give it per row")
            self.defaults.append((attname, value))
        self.columns = list(columns) + [name for name, _ in self.defaults]
        self.fields = [fields[name] for name in self.columns]
        convert = CONVERT.get(connection.vendor, set())
        self.converters = [(i, field) for i, field in enumerate(self.fields) if field.get_internal_type() in convert]
        self.default_values = tuple(
            self._prepare(self.fields[len(columns) + i], v) for i, (_, v) in enumerate(self.defaults)
        )
        self.given = len(columns)

    def _prepare(self, field, value):
        if value is None:
            return None
        if field.get_internal_type() == "JSONField":
            return json.dumps(value)
        if field.get_internal_type() in CONVERT.get(connection.vendor, set()):
            return field.get_db_prep_value(value, connection, prepared=False)
        return value

    def prepared(self, rows):
        defaults = self.default_values
        converters = [(i, f) for i, f in self.converters if i < self.given]
        for row in rows:
            if converters:
                row = list(row)
                for i, field in converters:
                    row[i] = self._prepare(field, row[i])
            yield tuple(row) + defaults


class Writer:
    """Counts rows per table and sends them with COPY (PostgreSQL) or executemany."""

    def __init__(self):
        self.tables = {}
        self.rows = 0

    def write(self, model, columns, rows):
        key = (model, tuple(columns))
        table = self.tables.get(key) or self.tables.setdefault(key, Table(model, columns))
        name = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(field.column) for field in table.fields)
        count = 0
        if connection.vendor == "postgresql":
            connection.ensure_connection()
            with (
                connection.connection.cursor() as cursor,
                cursor.copy(f"COPY {name} ({names}) FROM STDIN") as copy,
            ):
                for row in table.prepared(rows):
                    copy.write_row(row)
                    count += 1
        else:
            rows = list(table.prepared(rows))
            marks = ", ".join(["%s"] * len(table.columns))
            with connection.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {name} ({names}) VALUES ({marks})", rows)
            count = len(rows)
        self.rows += count
        return count


def next_id(model):
    """The first id above every existing row, so rows can reference each other before insert."""
    from django.db.models import Max

    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def reset_sequences(models):
    """Move PostgreSQL's id sequences past the ids written here (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


class Children:
    """Paths for new children of one page, continuing after its existing last child."""

    def __init__(self, parent):
        self.parent = Page.objects.get(pk=parent.pk)  # numchild and path as stored now
        last = self.parent.get_last_child()
        self.next = (Page._str2int(last.path[-Page.steplen :]) + 1) if last else 1
        self.depth = self.parent.depth + 1
        self.added = 0

    def path(self):
        path = Page._get_path(self.parent.path, self.depth, self.next)
        self.next += 1
        self.added += 1
        return path

    def url_path(self, slug):
        return f"{self.parent.url_path}{slug}/"

    def commit(self):
        """Add the children written so far to the parent's numchild."""
        if self.added:
            Page.objects.filter(pk=self.parent.pk).update(numchild=self.parent.numchild + self.added)
            self.parent.numchild += self.added
            self.added = 0
