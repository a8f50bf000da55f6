"""The default verdict badges, best first. The site owner can rename, add and reorder them."""

from django.db import migrations

DEFAULT_VERDICTS = [
    ("essential", "essential", "A film everyone who cares about cinema should see."),
    ("recommended viewing", "recommended-viewing", "Worth making time for."),
    ("worth a look", "worth-a-look", "Good, with reservations."),
    ("mixed feelings", "mixed-feelings", "As much to dislike as to like."),
    ("skip it", "skip-it", "Not worth your evening."),
]


def create_verdicts(apps, schema_editor):
    Verdict = apps.get_model("reviews", "Verdict")
    for position, (name, slug, description) in enumerate(DEFAULT_VERDICTS, start=1):
        Verdict.objects.using(schema_editor.connection.alias).get_or_create(
            slug=slug, defaults={"name": name, "position": position, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial")]

    operations = [migrations.RunPython(create_verdicts, migrations.RunPython.noop)]
