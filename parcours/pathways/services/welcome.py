"""The welcome module's four parts (CWASS art. 152) and its completion."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways import parameters
from parcours.pathways.assessment import STRUCTURED, HealthNeed
from parcours.pathways.enums import EventKind, Status, WelcomePart
from parcours.pathways.facts import welcome_done
from parcours.pathways.loading import reload
from parcours.pathways.models import (
    AdministrativeHelp,
    FrenchTest,
    HealthNote,
    Pathway,
    RightsSession,
    SocialAssessment,
)
from parcours.pathways.models.welcome import ASSESSMENT_SECTIONS
from parcours.pathways.services.events import event_record
from parcours.pathways.services.guards import ensure_presented, require_open
from parcours.pathways.services.hours import completion_refresh
from parcours.pathways.urgency import pathway_urgency_refresh
from parcours.people.services import person_update
from parcours.training.ledger import Track

SECTION_NAMES = tuple(name for name, _label in ASSESSMENT_SECTIONS)


def _start(pathway: Pathway, actor: User | None) -> None:
    require_open(pathway)
    ensure_presented(pathway, actor)


def _recorded(pathway: Pathway, summary: str, actor: User) -> None:
    """A part of the module recorded: on the timeline, and the file's completion read again
    (a French level or a part recorded after the agreement may complete the pathway; the
    nightly sweep trusts the stored flag before it opens a case for a passed deadline)."""
    event_record(pathway=pathway, kind=EventKind.WELCOME, summary=summary, actor=actor)
    completion_refresh(pathway_ids={pathway.pk})


@transaction.atomic
def assessment_record(
    *,
    pathway: Pathway,
    sections: dict[str, str],
    tracks_needed: list[str],
    assessed_on: date,
    actor: User,
    health: str | None = None,
    answers: dict[str, str] | None = None,
    children_count: int | None = None,
) -> SocialAssessment:
    """`answers`: the structured part (`STRUCTURED`, each value one of its list, "" for not
    asked); None keeps what was recorded."""
    _start(pathway, actor)
    unknown = set(tracks_needed) - set(Track.values)
    if unknown or set(sections) - set(SECTION_NAMES):
        raise DomainError(_("Unknown section or track in the social assessment."))
    values: dict[str, object] = {name: sections.get(name, "").strip() for name in SECTION_NAMES}
    values |= {"tracks_needed": sorted(tracks_needed), "assessed_on": assessed_on}
    if answers is not None:
        values |= _structured(answers)
        values["children_count"] = children_count
    assessment, _created = SocialAssessment.objects.update_or_create(
        pathway=pathway, defaults={**values, "assessed_by": actor}
    )
    if health is not None:
        HealthNote.objects.update_or_create(
            pathway=pathway, defaults={"notes": health.strip(), "updated_by": actor}
        )
    _recorded(pathway, _("Social assessment recorded"), actor)
    return assessment


def _structured(answers: dict[str, str]) -> dict[str, str]:
    if set(answers) - set(STRUCTURED):
        raise DomainError(_("Unknown question in the social assessment."))
    found = {name: answers.get(name, "") for name in STRUCTURED}
    if any(value and value not in STRUCTURED[name].values for name, value in found.items()):
        raise DomainError(_("Choose each answer of the social assessment from its list."))
    return found


@transaction.atomic
def health_note_record(
    *, pathway: Pathway, notes: str, clear: bool, actor: User, needs: list[str] | None = None
) -> HealthNote:
    """The health note and needs are written on their own audited page only, and emptied only
    on purpose (an empty field is never taken for "clear it")."""
    require_open(pathway)
    needs = sorted(set(needs or []))
    if set(needs) - set(HealthNeed.values):
        raise DomainError(_("Choose the health needs from the list."))
    if clear == bool(notes.strip() or needs):
        raise DomainError(_("Write the note, or tick “Clear the note” (not both)."))
    note, _created = HealthNote.objects.update_or_create(
        pathway=pathway, defaults={"notes": notes.strip(), "needs": needs, "updated_by": actor}
    )
    summary = _("Health note cleared") if clear else _("Health note updated")
    event_record(pathway=pathway, kind=EventKind.WELCOME, summary=summary, actor=actor)
    return note


@transaction.atomic
def rights_session_record(
    *, pathway: Pathway, given_on: date, language: str, themes: str, actor: User
) -> RightsSession:
    _start(pathway, actor)
    session = RightsSession.objects.create(
        pathway=pathway,
        given_on=given_on,
        language=language or "fr",
        themes=themes.strip(),
        given_by=actor,
    )
    _recorded(pathway, _("Rights and duties information given"), actor)
    return session


@transaction.atomic
def french_test_record(
    *, pathway: Pathway, tested_on: date, level: str, notes: str, actor: User
) -> FrenchTest:
    _start(pathway, actor)
    test = FrenchTest.objects.create(
        pathway=pathway, tested_on=tested_on, level=level, notes=notes.strip(), tested_by=actor
    )
    person_update(
        person=pathway.person,
        fields={"french_level": level},
        actor=actor,
        reason=_("French level test"),
    )
    _recorded(pathway, _("French level test: %(level)s") % {"level": level}, actor)
    return test


@transaction.atomic
def administrative_help_record(
    *, pathway: Pathway, helped_on: date, what: str, referred_to: str, actor: User
) -> AdministrativeHelp:
    _start(pathway, actor)
    if not what.strip():
        raise DomainError(_("Say what help was given."))
    help_given = AdministrativeHelp.objects.create(
        pathway=pathway,
        helped_on=helped_on,
        what=what.strip(),
        referred_to=referred_to.strip(),
        given_by=actor,
    )
    _recorded(pathway, _("Administrative help: %(what)s") % {"what": what}, actor)
    return help_given


def welcome_missing(pathway: Pathway) -> list[str]:
    """Parts of the module (parameter `welcome_module_parts`) not recorded yet."""
    required = parameters.codes("welcome_module_parts", pathway.referred_on)
    done = welcome_done(reload(pathway))
    return [part for part in required if part not in done]


@transaction.atomic
def welcome_complete(*, pathway: Pathway, on: date, actor: User) -> Pathway:
    require_open(pathway)
    missing = welcome_missing(pathway)
    if missing:
        labels = ", ".join(str(WelcomePart(part).label) for part in missing)
        raise DomainError(_("The welcome module is not complete: %(parts)s.") % {"parts": labels})
    if pathway.status != Status.WELCOME or pathway.module_done_on is not None:
        raise DomainError(_("The welcome module is not in progress."))
    Pathway.objects.filter(pk=pathway.pk).update(module_done_on=on)
    pathway_urgency_refresh(Pathway.objects.filter(pk=pathway.pk), today=timezone.localdate())
    event_record(
        pathway=pathway, kind=EventKind.WELCOME, summary=_("Welcome module done"), actor=actor
    )
    pathway.refresh_from_db()
    return pathway


@transaction.atomic
def welcome_part_mark(*, pathway: Pathway, part: str, started: bool, actor: User) -> Pathway:
    """The agent marks a part of the welcome module in progress (work the records cannot
    see: an assessment begun on paper, a document awaited), or takes the mark back. Only its
    record makes a part done (casework.welcome_tasks)."""
    require_open(pathway)
    if part not in WelcomePart.values:
        raise DomainError(_("Unknown part of the welcome module."))
    if started and part in welcome_done(pathway):
        raise DomainError(_("This part of the welcome module is already done."))
    marked = set(pathway.welcome_started)
    changed = sorted(marked | {part} if started else marked - {part})
    if changed == sorted(marked):
        return pathway
    Pathway.objects.filter(pk=pathway.pk).update(welcome_started=changed)
    pathway.welcome_started = changed
    label = WelcomePart(part).label
    summary = _("%(part)s: in progress") if started else _("%(part)s: back to to do")
    event_record(
        pathway=pathway, kind=EventKind.WELCOME, summary=summary % {"part": label}, actor=actor
    )
    return pathway
