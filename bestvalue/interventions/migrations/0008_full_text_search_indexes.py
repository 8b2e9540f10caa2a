"""GIN indexes for full-text search of what led to an intervention and its status note (bestvalue/core/text_search.py),
on PostgreSQL only: the index expression is exactly the one the search uses, so the stored vector
lives in the index and PostgreSQL keeps it up to date on every write. SQLite needs none."""

from django.db import migrations

INDEXES = {
    "interventions_trigger_text_search": ("interventions_intervention", "trigger"),
    "interventions_status_note_text_search": ("interventions_intervention", "status_note"),
}


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin "
            f"(to_tsvector('english'::regconfig, COALESCE(({column})::text, '')))"
        )


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("interventions", "0007_inspector_version")]
    operations = [migrations.RunPython(create, drop)]
