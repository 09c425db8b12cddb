"""ConceptRank rows point at their RankedConcept instead of repeating the concept's tag.

The ranks are derived data: both tables are emptied, and searches rank every concept live
until `search_index sync` or `search_index rebuild` ranks them again (search.concept_ranks).
"""

import django.db.models.deletion
from django.db import migrations, models


def forget_ranks(apps, schema_editor):
    apps.get_model("search", "ConceptRank").objects.all().delete()
    apps.get_model("search", "RankedConcept").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0007_concept_ranks")]

    operations = [
        migrations.RunPython(forget_ranks, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="conceptrank", name="one_rank_per_concept"),
        migrations.RemoveField(model_name="conceptrank", name="concept"),
        migrations.AddField(
            model_name="conceptrank",
            name="concept",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="ranks",
                to="search.rankedconcept",
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="rankedconcept",
            name="concept",
            field=models.CharField(
                help_text="The concept's tag, e.g. technique:dry-needling.", max_length=255, unique=True
            ),
        ),
        migrations.AddConstraint(
            model_name="conceptrank",
            constraint=models.UniqueConstraint(fields=("concept", "document"), name="one_rank_per_concept"),
        ),
    ]
