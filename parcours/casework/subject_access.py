"""Subject access (GDPR art. 15): everything Parcours holds on one person, as JSON and as a
readable PDF, for the person (personal space) or for staff (person page); every export is
audited (audit.AccessEvent).

The rows are found by walking the foreign keys that point at the person, then at what was
found (their files, appointments, enrolments…), so that a table added later is exported
without being listed here. Only rows reached from this person are read."""

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import weasyprint
from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models.fields.files import FieldFile
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from parcours.accounts.models import User
from parcours.audit.enums import AccessKind
from parcours.audit.services import access_record
from parcours.pathways.documents import STYLESHEET
from parcours.people.models import Person

# Secrets and derived columns, never exported: digests of tokens and codes, signatures,
# search keys.
SECRET_FIELDS = frozenset(
    {"token_digest", "digest", "lookup", "signature", "search_text", "name_key", "contact_key"}
)
# Tables that hold no data about the person for them (codes, calendar holds, send markers).
SKIPPED_MODELS = frozenset(
    {"people.spacecode", "appointments.resourcehold", "appointments.delivery", "core.ratecounter"}
)
DOMAIN_APPS = frozenset({"people", "pathways", "appointments", "training", "certificates", "audit"})
MAX_DEPTH = 3


@dataclass(frozen=True)
class Section:
    model: str
    title: str
    rows: list[dict[str, Any]]
    labels: dict[str, str]

    @property
    def table(self) -> list[list[tuple[str, Any]]]:
        """The rows with the fields' names in words, for the PDF."""
        return [
            [(self.labels.get(k, k), _readable(v)) for k, v in row.items()] for row in self.rows
        ]


def _readable(value: Any) -> Any:
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name.rsplit("/", 1)[-1] if value.name else ""
    return value


def _fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in SECRET_FIELDS and not (f.is_relation and f.related_model is User)
    ]


def _value(row: models.Model, field: models.Field[Any, Any]) -> Any:
    if field.is_relation:
        related = getattr(row, field.name)
        return str(related) if related is not None else None
    value = field.value_from_object(row)
    if field.choices and not isinstance(value, (list, dict)):
        return str(dict(field.flatchoices).get(value, value))
    return _plain(value)


def _row(row: models.Model) -> dict[str, Any]:
    return {f.name: _value(row, f) for f in _fields(type(row))}


def _pointing_at(target: type[models.Model]) -> list[tuple[type[models.Model], str]]:
    """(model, field) of every foreign key of a domain table that points at `target`."""
    models_held = [
        m
        for m in apps.get_models()
        if m._meta.app_label in DOMAIN_APPS and m._meta.label_lower not in SKIPPED_MODELS
    ]
    return [
        (model, f.name)
        for model in models_held
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is target
    ]


def _collect(person: Person) -> dict[type[models.Model], dict[int, models.Model]]:
    held: dict[type[models.Model], dict[int, models.Model]] = {Person: {person.pk: person}}
    frontier: dict[type[models.Model], set[int]] = {Person: {person.pk}}
    for _depth in range(MAX_DEPTH):
        reached: dict[type[models.Model], set[int]] = {}
        for target, ids in frontier.items():
            for model, name in _pointing_at(target):
                for row in model._default_manager.filter(**{f"{name}__in": ids}):
                    rows = held.setdefault(model, {})
                    if row.pk not in rows:
                        rows[row.pk] = row
                        reached.setdefault(model, set()).add(row.pk)
        frontier = reached
    return held


def subject_access_sections(person: Person) -> list[Section]:
    sections = []
    for model, rows in _collect(person).items():
        labels = {f.name: str(f.verbose_name) for f in _fields(model)}
        sections.append(
            Section(
                model=model._meta.label_lower,
                title=str(model._meta.verbose_name_plural),
                rows=[_row(r) for r in sorted(rows.values(), key=lambda r: r.pk)],
                labels=labels,
            )
        )
    return sorted(sections, key=lambda s: (s.model != "people.person", s.model))


def _record(person: Person, user: User | None, what: AccessKind) -> None:
    access_record(user=user, person=person, what=what)


def subject_access_json(*, person: Person, user: User | None) -> bytes:
    """`user`: the staff member exporting, or None when the person exports their own data."""
    _record(person, user, AccessKind.SUBJECT_ACCESS_JSON)
    document = {
        "person_id": person.pk,
        "exported_at": timezone.now().isoformat(),
        "sections": {
            s.model: {"title": s.title, "rows": s.rows} for s in subject_access_sections(person)
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2, default=str).encode()


def subject_access_pdf(*, person: Person, user: User | None) -> bytes:
    _record(person, user, AccessKind.SUBJECT_ACCESS_PDF)
    # One language, the person's (the data is theirs, not a legal text: no French beside it).
    language = person.letter_language
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "person": person,
            "sections": subject_access_sections(person),
            "exported_at": timezone.now(),
            "lang": language,
        }
        html = render_to_string("documents/subject_access.html", context)
    document = weasyprint.HTML(string=html, base_url=str(settings.PACKAGE_DIR))
    pdf: bytes = document.write_pdf(stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))])
    return pdf
