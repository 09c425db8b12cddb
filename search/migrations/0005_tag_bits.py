"""Listing tags as bit positions (search.tagbits), filled in for the listings already stored."""

from django.db import migrations, models

BATCH = 2000


def fill_tag_bits(apps, schema_editor):
    SearchListing = apps.get_model("search", "SearchListing")
    SearchTag = apps.get_model("search", "SearchTag")
    SearchFee = apps.get_model("search", "SearchFee")
    known = dict(SearchTag.objects.values_list("name", "id"))
    last = 0
    while True:
        batch = list(SearchListing.objects.filter(id__gt=last).order_by("id")[:BATCH])
        if not batch:
            return
        last = batch[-1].id
        currencies = {}
        for document_id, currency in SearchFee.objects.filter(
            document_id__in={listing.document_id for listing in batch}
        ).values_list("document_id", "currency"):
            currencies.setdefault(document_id, []).append(f"currency:{currency}")
        for listing in batch:
            tags = listing.tags.split() + currencies.get(listing.document_id, [])
            for name in tags:
                if name not in known:
                    known[name] = SearchTag.objects.create(name=name).id
            bits = bytearray(max((known[name] for name in tags), default=-1) // 8 + 1)
            for name in tags:
                bits[known[name] // 8] |= 1 << (known[name] % 8)
            listing.tag_bits = bytes(bits)
        SearchListing.objects.bulk_update(batch, ["tag_bits"])


class Migration(migrations.Migration):
    dependencies = [("search", "0004_title_prefix_index")]

    operations = [
        migrations.CreateModel(
            name="SearchTag",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=255, unique=True)),
            ],
        ),
        migrations.AddField(
            model_name="searchlisting",
            name="tag_bits",
            field=models.BinaryField(blank=True, null=True, help_text="The tags as SearchTag bit positions."),
        ),
        migrations.RunPython(fill_tag_bits, migrations.RunPython.noop),
    ]
