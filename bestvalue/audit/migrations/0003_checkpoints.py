"""Audit checkpoints: the chain's head at a moment, published; append-only like the events.

The triggers refuse UPDATE and DELETE on the table as migration 0002's do on the events; on
PostgreSQL they reuse 0002's function, audit_event_refuse_change().
"""

import django.core.validators
from django.db import migrations, models

MESSAGE = "audit checkpoints are append-only"

SQLITE_CREATE = [
    f"""CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON {{table}}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}: UPDATE is not allowed'); END""",
    f"""CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON {{table}}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}: DELETE is not allowed'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_checkpoint_no_update",
    "DROP TRIGGER IF EXISTS audit_checkpoint_no_delete",
]
POSTGRESQL_CREATE = [
    """CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON {table}
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()""",
    """CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()""",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS audit_checkpoint_no_update ON {table}",
    "DROP TRIGGER IF EXISTS audit_checkpoint_no_delete ON {table}",
]
STATEMENTS = {
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
    "postgresql": (POSTGRESQL_CREATE, POSTGRESQL_DROP),
}


def _run(apps, schema_editor, *, create: bool) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise NotImplementedError(f"No append-only triggers written for {vendor} yet.")
    table = schema_editor.quote_name(apps.get_model("audit", "AuditCheckpoint")._meta.db_table)
    for statement in STATEMENTS[vendor][0 if create else 1]:
        schema_editor.execute(statement.format(table=table), params=None)


def create_triggers(apps, schema_editor) -> None:
    _run(apps, schema_editor, create=True)


def drop_triggers(apps, schema_editor) -> None:
    _run(apps, schema_editor, create=False)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        migrations.CreateModel(
            name="AuditCheckpoint",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sequence", models.PositiveBigIntegerField()),
                (
                    "hash",
                    models.CharField(
                        max_length=64,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[0-9a-f]{64}$",
                                "Enter a SHA-256 digest as 64 lower-case hex digits",
                            )
                        ],
                    ),
                ),
                ("recorded_at", models.DateTimeField()),
            ],
            options={
                "ordering": ["-recorded_at", "-id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("hash__regex", "^[0-9a-f]{64}$")),
                        name="audit_checkpoint_hash_hex",
                    )
                ],
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
