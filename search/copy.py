"""Fast inserts of many rows for the index tables: COPY on PostgreSQL, bulk_create elsewhere.

A full rebuild writes every document, listing and fee again. Django's bulk_create
prepares each value through the field and compiles a large statement; COPY streams
the rows as they are, which matters at a hundred thousand documents. Only the stored
values change hands here: no signals, no save(), exactly like bulk_create.
"""

import json

from django.db import connection
from django.db.models import AutoField, BigAutoField, JSONField


def insert(model, objects, batch_size=1000):
    """Insert `objects` (unsaved instances of `model`, or objects with its attributes); pks are not set."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        # Plain value holders (search.storage.ListingRow) become instances only where needed.
        instances = [obj if isinstance(obj, model) else model(**vars(obj)) for obj in objects]
        model.objects.bulk_create(instances, batch_size=batch_size)
        return
    fields = [
        f
        for f in model._meta.concrete_fields
        if not (f.primary_key and isinstance(f, (AutoField, BigAutoField))) and not getattr(f, "generated", False)
    ]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    attnames = [(f.attname, f.encoder if isinstance(f, JSONField) else False) for f in fields]
    connection.ensure_connection()
    with (
        connection.connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for obj in objects:
            row = []
            for attname, encoder in attnames:
                value = getattr(obj, attname)
                if encoder is not False and value is not None:
                    value = json.dumps(value, cls=encoder)
                row.append(value)
            copy.write_row(row)
