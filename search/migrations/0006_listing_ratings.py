"""Each listing carries its page's rating, so searches without words never join the documents.

Nullable without defaults, so SQLite adds the columns in place and keeps the tag index's
triggers (migration 0002). Filled in here for listings already stored.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_ratings(apps, schema_editor):
    SearchListing = apps.get_model("search", "SearchListing")
    SearchDocument = apps.get_model("search", "SearchDocument")
    document = SearchDocument.objects.filter(page_id=OuterRef("document_id"))
    SearchListing.objects.update(
        rating_average=Subquery(document.values("rating_average")[:1]),
        rating_count=Subquery(document.values("rating_count")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0005_tag_bits")]

    operations = [
        migrations.AddField(
            model_name="searchlisting",
            name="rating_average",
            field=models.FloatField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="searchlisting",
            name="rating_count",
            field=models.IntegerField(blank=True, null=True),
        ),
        migrations.RunPython(copy_ratings, migrations.RunPython.noop),
    ]
