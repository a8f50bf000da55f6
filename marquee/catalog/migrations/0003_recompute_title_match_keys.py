"""Recompute stored title keys after ``title_match_key`` learned "8½" and "L'Avventura"."""

from django.db import migrations

from marquee.catalog.matching import title_match_key

BATCH = 2000


def recompute(apps, schema_editor):
    alias = schema_editor.connection.alias
    for model_name in ("Film", "AlternateTitle"):
        model = apps.get_model("catalog", model_name)
        changed = []
        for row in model.objects.using(alias).only("pk", "title", "match_key").iterator(BATCH):
            key = title_match_key(row.title)
            if key != row.match_key:
                row.match_key = key
                changed.append(row)
        model.objects.using(alias).bulk_update(changed, ["match_key"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_keyword_film_tagline_film_keywords")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop, elidable=True)]
