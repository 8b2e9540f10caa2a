"""What the Django admin may do with a model, in one place: records of the regime are read-only
there; everything else it may change (users, roles, boards, reference data) is audited.

Records of the regime (notices, interventions and their steps, letters, improvement records,
audit events) change only through the services, which check the rules, pass four eyes and write
the audit log; an edit in the admin would do none of that, so the admin only shows them. What the
admin may still change writes an audit event with the record before and after (password hashes
never: snapshot() leaves them out), in the admin's own transaction.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.forms import BaseFormSet, ModelForm
from django.http import HttpRequest

from bestvalue.audit.services import record_event, snapshot


class NoWrites:
    """Nobody, administrators included, may add, change or delete here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(NoWrites, admin.ModelAdmin):
    """View only: nobody, administrators included, may add, change or delete here."""


class ReadOnlyInline(NoWrites, admin.TabularInline):
    """The parts of a read-only record, shown with it and just as read-only."""

    extra = 0


class AuditedAdmin(admin.ModelAdmin):
    """Every add, change and delete made here is an audit event "admin.<model>.<verb>" with the
    record before and after: its fields, its many-to-many ids and its inlines' rows."""

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        if change:
            # Read from the database: `obj` already carries the form's changes.
            obj._audit_before = snapshot(type(obj)._default_manager.get(pk=obj.pk))
        super().save_model(request, obj, form, change)

    def save_related(
        self,
        request: HttpRequest,
        form: ModelForm,
        formsets: list[BaseFormSet],
        change: bool,
    ) -> None:
        obj = form.instance
        before = getattr(obj, "_audit_before", None)
        if before is not None:
            # Many-to-many fields and inlines are saved below, so they are still as they were.
            before = {**before, **self._related(request, obj)}
        super().save_related(request, form, formsets, change)
        after = {**snapshot(obj), **self._related(request, obj)}
        if change and before == after:
            return  # saved unchanged: nothing happened
        verb = "changed" if change else "added"
        record_event(
            actor=request.user,  # type: ignore[arg-type]
            action=f"admin.{obj._meta.label_lower}.{verb}",
            obj=obj,
            before=before,
            after=after,
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        before = {**snapshot(obj), **self._related(request, obj)}
        object_type, object_id, label = obj._meta.label_lower, str(obj.pk), str(obj)
        super().delete_model(request, obj)
        record_event(
            actor=request.user,  # type: ignore[arg-type]
            action=f"admin.{object_type}.deleted",
            object_type=object_type,
            object_id=object_id,
            object_label=label,
            before=before,
        )

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        # One event per record, rather than Django's single bulk delete that would record none.
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)

    def _related(self, request: HttpRequest, obj: Any) -> dict[str, Any]:
        """The record's many-to-many ids and its inlines' rows, as they are in the database."""
        values: dict[str, Any] = {}
        for field in obj._meta.many_to_many:
            values[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
        for inline in self.get_inline_instances(request, obj):
            formset: Any = inline.get_formset(request, obj)  # an inline formset: it has .fk
            rows = formset.model._default_manager.filter(**{formset.fk.name: obj}).order_by("pk")
            values[formset.get_default_prefix()] = [snapshot(row) for row in rows]
        return values
