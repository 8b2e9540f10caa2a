"""GIN indexes for full-text search of grounds and expectations (bestvalue/core/text_search.py),
on PostgreSQL only: the index expression is exactly the one the search uses, so the stored vector
lives in the index and PostgreSQL keeps it up to date on every write. SQLite needs none."""

from django.db import migrations

INDEXES = {
    "notices_ground_text_search": "notices_ground",
    "notices_expectation_text_search": "notices_expectation",
}


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin "
            "(to_tsvector('english'::regconfig, COALESCE((text)::text, '')))"
        )


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("notices", "0004_case_notes_and_corrections_of_recorded_items")]
    operations = [migrations.RunPython(create, drop)]
