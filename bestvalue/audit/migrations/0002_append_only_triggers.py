"""Database triggers that refuse UPDATE and DELETE on audit events, whoever asks.

AuditEvent.save() and delete() refuse already; these stop raw SQL and any code that goes around
the model. TRUNCATE is left alone: it needs the table's owner, and test databases are reset
with it between tests on PostgreSQL.
"""

from django.db import migrations

MESSAGE = "audit events are append-only"

SQLITE_CREATE = [
    f"""CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON {{table}}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}: UPDATE is not allowed'); END""",
    f"""CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON {{table}}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}: DELETE is not allowed'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
]

# restrict_violation (SQLSTATE 23001) so that Django raises IntegrityError, as on SQLite.
POSTGRESQL_CREATE = [
    f"""CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}: % is not allowed', TG_OP USING ERRCODE = 'restrict_violation';
    END;
    $$""",
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON {table}
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()""",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS audit_event_no_update ON {table}",
    "DROP TRIGGER IF EXISTS audit_event_no_delete ON {table}",
    "DROP FUNCTION IF EXISTS audit_event_refuse_change()",
]

STATEMENTS = {
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
    "postgresql": (POSTGRESQL_CREATE, POSTGRESQL_DROP),
}


def _run(apps, schema_editor, *, create: bool) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise NotImplementedError(f"No append-only triggers written for {vendor} yet.")
    table = schema_editor.quote_name(apps.get_model("audit", "AuditEvent")._meta.db_table)
    for statement in STATEMENTS[vendor][0 if create else 1]:
        # No parameters, so the driver leaves the % in the PostgreSQL function alone.
        schema_editor.execute(statement.format(table=table), params=None)


def create_triggers(apps, schema_editor) -> None:
    _run(apps, schema_editor, create=True)


def drop_triggers(apps, schema_editor) -> None:
    _run(apps, schema_editor, create=False)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
