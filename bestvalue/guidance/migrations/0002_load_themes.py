"""Load the seven themes of the statutory guidance (bestvalue/guidance/themes.py)."""

from django.db import migrations

# A frozen copy: migrations must not change when themes.py is edited later.
THEMES = [
    ("continuous_improvement", "Continuous improvement"),
    ("leadership", "Leadership"),
    ("governance", "Governance"),
    ("culture", "Culture"),
    ("use_of_resources", "Use of resources"),
    ("service_delivery", "Service delivery"),
    ("partnerships_and_community_engagement", "Partnerships and community engagement"),
]


def load(apps, schema_editor):
    from bestvalue.guidance.themes import THEMES as DEFINITIONS

    summaries = {t.key: t.summary for t in DEFINITIONS}
    Theme = apps.get_model("guidance", "Theme")
    for position, (key, name) in enumerate(THEMES, start=1):
        Theme.objects.update_or_create(
            key=key,
            defaults={"name": name, "position": position, "summary": summaries.get(key, "")},
        )


def unload(apps, schema_editor):
    apps.get_model("guidance", "Theme").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("guidance", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
