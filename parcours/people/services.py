"""Writes on people: create, correct (with history), merge duplicates."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DateField, ForeignKey, ForeignObjectRel, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.core.errors import DomainError, FieldsError, PermissionDeniedError
from parcours.people.errors import DuplicatePersonError
from parcours.people.identifiers import (
    normalise_countries,
    normalise_languages,
    normalise_national_number,
    normalise_phone,
)
from parcours.people.models import Person, PersonChange, PersonMerge
from parcours.people.names import name_key, search_text

BULK_BATCH = 1000
EDITABLE_FIELDS = (
    "family_name",
    "given_names",
    "usual_name",
    "birth_date",
    "birth_place",
    "sex",
    "nationalities",
    "national_number",
    "languages",
    "letter_language",
    "french_level",
    "interpreter_language",
    "phone",
    "email",
    "street",
    "postal_code",
    "commune",
    "arrived_on",
    "legal_stay_since",
    "registered_on",
    "permit_kind",
    "permit_ordered_on",
    "permit_valid_from",
    "permit_valid_until",
    "family_member_of_eea_citizen",
)
_NORMALISERS = {
    "national_number": normalise_national_number,
    "phone": normalise_phone,
    "nationalities": normalise_countries,
    "languages": normalise_languages,
}


def _single_language(value: str, field: str) -> str:
    codes = normalise_languages(value or "")
    if len(codes) > 1:
        raise DomainError(_("Give a single language code for “%(field)s”.") % {"field": field})
    return codes[0] if codes else ""


# Computed or linked by the services, not given by a referral (the commune is looked up
# already: validating the key again would cost a query per row).
_NOT_GIVEN = ("search_text", "name_key", "merged_into", "id", "created_at", "commune")


def person_errors(fields: dict[str, Any]) -> dict[str, list[str]]:
    """The model's own checks (lengths, choices, e-mail, dates) on cleaned referral fields,
    so a list or the API shows each error before anything is written (PostgreSQL would
    refuse a too-long value only at commit)."""
    person = Person(**fields)
    errors: dict[str, list[str]] = {}
    try:
        person.clean_fields(exclude=[*_NOT_GIVEN, *(n for n in EDITABLE_FIELDS if n not in fields)])
    except ValidationError as error:
        errors = {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}
    start, end = fields.get("permit_valid_from"), fields.get("permit_valid_until")
    if start is not None and end is not None and end < start:
        errors.setdefault("permit_valid_until", []).append(
            str(_("The permit ends before it starts."))
        )
    return errors


def clean_person_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(_("Unknown fields: %(names)s") % {"names": ", ".join(sorted(unknown))})
    cleaned = dict(fields)
    for name, normalise in _NORMALISERS.items():
        if name in cleaned:
            try:
                cleaned[name] = normalise(cleaned[name] or "")
            except FieldsError:
                raise
            except DomainError as error:
                raise FieldsError(error.message, (name,)) from None
    for name in ("letter_language", "interpreter_language"):
        if name in cleaned:
            cleaned[name] = _single_language(cleaned[name], name)
    for name in ("family_name", "given_names", "usual_name", "email", "street"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    return cleaned


def _check(person: Person) -> None:
    if not person.family_name or not person.given_names:
        raise DomainError(_("The family name and the given names are required."))
    if person.birth_date > date.today():  # noqa: DTZ011 - a calendar date, not an instant
        raise DomainError(_("The birth date is in the future."))
    until, since = person.permit_valid_until, person.permit_valid_from
    if until and since and until < since:
        raise DomainError(_("The permit ends before it starts."))
    if not person.letter_language:
        person.letter_language = "fr"


def _refresh_keys(person: Person) -> None:
    person.search_text = search_text(person.family_name, person.given_names, person.usual_name)
    person.name_key = name_key(person.family_name, person.given_names)


def _same_number(number: str, exclude: int | None = None) -> Person | None:
    if not number:
        return None
    found = Person.objects.filter(national_number=number, merged_into__isnull=True)
    return found.exclude(pk=exclude).first() if exclude else found.first()


def person_build(*, fields: dict[str, Any]) -> Person:
    """A checked, unsaved person (with its search keys): `person_create`, and the bulk import
    that checks the national numbers of a whole file in one query."""
    person = Person(**clean_person_fields(fields))
    _check(person)
    _refresh_keys(person)
    return person


@transaction.atomic
def person_create(*, fields: dict[str, Any], actor: User | None) -> Person:
    person = person_build(fields=fields)
    existing = _same_number(person.national_number)
    if existing is not None:
        raise DuplicatePersonError(existing)
    person.save()
    PersonChange.objects.create(person=person, field="*", new_value="created", changed_by=actor)
    return person


def people_bulk_create(*, people: list[Person], actor: User | None) -> list[Person]:
    """Built people (`person_build`) saved at once, each with its "created" history row.
    The caller owns the transaction and has checked the national numbers, set-based; the
    unique constraint still refuses a duplicate that slipped in meanwhile."""
    numbers = [p.national_number for p in people if p.national_number]
    if len(numbers) != len(set(numbers)):
        raise DomainError(_("The same national number appears twice."))
    if Person.objects.filter(national_number__in=numbers, merged_into__isnull=True).exists():
        raise DomainError(_("A person of this list is already known: check the file again."))
    saved = Person.objects.bulk_create(people, batch_size=BULK_BATCH)
    PersonChange.objects.bulk_create(
        (PersonChange(person=p, field="*", new_value="created", changed_by=actor) for p in saved),
        batch_size=BULK_BATCH,
    )
    return saved


def _as_text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


@transaction.atomic
def person_update(
    *, person: Person, fields: dict[str, Any], actor: User | None, reason: str = ""
) -> list[str]:
    """Apply corrections; returns the names of the fields that changed."""
    current = Person.objects.select_for_update().get(pk=person.pk)
    cleaned = clean_person_fields(fields)
    changed = [name for name, value in cleaned.items() if getattr(current, name) != value]
    if "national_number" in changed and _same_number(cleaned["national_number"], current.pk):
        raise DuplicatePersonError(_same_number(cleaned["national_number"], current.pk))  # type: ignore[arg-type]
    old = {name: getattr(current, name) for name in changed}
    for name in changed:
        setattr(current, name, cleaned[name])
    _check(current)
    _refresh_keys(current)
    current.save()
    PersonChange.objects.bulk_create(
        PersonChange(
            person=current,
            field=name,
            old_value=_as_text(old[name]),
            new_value=_as_text(cleaned[name]),
            changed_by=actor,
            reason=reason[:300],
        )
        for name in changed
    )
    person.refresh_from_db()
    return changed


def _person_links() -> list[ForeignKey[Any, Any]]:
    """Every foreign key to Person in any app, except the merge links and the history."""
    return [
        relation.field
        for relation in Person._meta.get_fields(include_hidden=True)
        if isinstance(relation, ForeignObjectRel)
        and isinstance(relation.field, ForeignKey)
        and relation.field.name != "merged_into"
        and relation.related_model not in (PersonChange, PersonMerge)
    ]


def record_moves(
    model: type[Model], field: str, rows: Iterable[int], old: int, new: int
) -> list[list[object]]:
    """Move rows of `model` from `old` to `new` on `field`, returning the moves as a merge
    records them (to undo)."""
    moved = list(rows)
    if moved:
        model._default_manager.filter(pk__in=moved).update(**{f"{field}_id": new})
    return [[model._meta.label_lower, pk, field, old] for pk in moved]


def _stored(value: object) -> object:
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, date):
        return value.isoformat()
    return value


def _restored(name: str, value: object) -> object:
    field = Person._meta.get_field(name)
    if value in (None, ""):
        return None if getattr(field, "null", False) else value
    if isinstance(field, ForeignKey):
        related = field.related_model
        assert not isinstance(related, str)  # noqa: S101 - a resolved model
        return related._default_manager.get(pk=value)
    if isinstance(field, DateField) and isinstance(value, str):
        return date.fromisoformat(value)
    return value


MERGE_PICKS = ("keep", "duplicate")


@transaction.atomic
def person_merge(
    *,
    keep: Person,
    duplicate: Person,
    actor: User,
    reason: str,
    picks: dict[str, str] | None = None,
) -> PersonMerge:
    """Every record of both people ends on `keep`; `duplicate` stays, marked merged. `picks`
    chooses, field by field, the value kept ("keep" or "duplicate"); without a pick, a blank
    of `keep` takes the duplicate's value. The merge is recorded with what it moved and
    overwrote (`person_merge_undo`)."""
    if keep.pk == duplicate.pk or duplicate.merged_into_id is not None or keep.merged_into_id:
        raise DomainError(_("These two records cannot be merged."))
    if not reason.strip():
        raise DomainError(_("Say why these two records are the same person."))
    chosen = picks or {}
    if any(value not in MERGE_PICKS for value in chosen.values()) or set(chosen) - set(
        EDITABLE_FIELDS
    ):
        raise DomainError(_("Choose, for each field, the value of one of the two records."))
    moves: list[list[object]] = []
    for field in _person_links():
        rows = field.model._default_manager.filter(**{field.name: duplicate})
        moves += record_moves(
            field.model, field.name, rows.values_list("pk", flat=True), duplicate.pk, keep.pk
        )
    taken = {
        name: getattr(duplicate, name)
        for name in EDITABLE_FIELDS
        if chosen.get(name) == "duplicate"
        or (
            name not in chosen
            and getattr(keep, name) in ("", None, [])
            and getattr(duplicate, name) not in ("", None, [])
        )
    }
    taken = {name: value for name, value in taken.items() if getattr(keep, name) != value}
    before = {name: _stored(getattr(keep, name)) for name in taken}
    number = duplicate.national_number
    Person.objects.filter(pk=duplicate.pk).update(merged_into=keep)
    if taken:
        person_update(person=keep, fields=taken, actor=actor, reason=reason)
    record = PersonMerge.objects.create(
        kept=keep,
        merged=duplicate,
        moves=moves,
        fields_before=before,
        reason=reason[:300],
        merged_by=actor,
    )
    note = _("merged into #%(id)s") % {"id": keep.pk}
    PersonChange.objects.create(person=duplicate, field="*", new_value=note, changed_by=actor)
    merged = _("merged #%(id)s (%(number)s)") % {"id": duplicate.pk, "number": number}
    PersonChange.objects.create(person=keep, field="*", new_value=merged, changed_by=actor)
    duplicate.refresh_from_db()
    return record


@transaction.atomic
def person_merge_undo(*, merge: PersonMerge, actor: User) -> None:
    """Put back what a merge moved and overwrote: both records as they were. The fields the
    merge set on the kept person get their old value back (a later correction of those same
    fields is overwritten, with its history); records created since stay where they are.
    An administrator's act."""
    if actor.role != Role.ADMIN:
        raise PermissionDeniedError(_("Only an administrator undoes a merge."))
    current = PersonMerge.objects.select_for_update().get(pk=merge.pk)
    if current.undone_at is not None:
        raise DomainError(_("This merge is already undone."))
    duplicate = Person.objects.get(pk=current.merged_id)
    if duplicate.merged_into_id != current.kept_id:
        raise DomainError(_("This merge cannot be undone: the record was merged again."))
    for label, pk, field, old in reversed(current.moves):
        model = apps.get_model(str(label))
        model._default_manager.filter(pk=pk).update(**{f"{field}_id": old})
    keep = Person.objects.get(pk=current.kept_id)
    restored = {name: _restored(name, value) for name, value in current.fields_before.items()}
    reason = _("Merge #%(id)s undone") % {"id": current.pk}
    if restored:
        person_update(person=keep, fields=restored, actor=actor, reason=reason)
    if duplicate.national_number and _same_number(duplicate.national_number, duplicate.pk):
        raise DomainError(
            _("This merge cannot be undone: another person has the national number now.")
        )
    Person.objects.filter(pk=duplicate.pk).update(merged_into=None)
    for person in (keep, duplicate):
        PersonChange.objects.create(person=person, field="*", new_value=reason, changed_by=actor)
    PersonMerge.objects.filter(pk=current.pk).update(undone_by=actor, undone_at=timezone.now())
    merge.refresh_from_db()
