"""The person page's read model: one person's file at the user's centre, in a bounded number
of queries, with the rules' explanations (decision reasons, legal clock, completion)."""

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.appointments.enums import HOLDING_STATUSES
from parcours.appointments.models import Appointment
from parcours.appointments.selectors import appointments_visible_to
from parcours.casework.welcome_tasks import parts_in_progress
from parcours.core.prefetch import json_relations, json_relations_load
from parcours.pathways import parameters
from parcours.pathways.enums import WelcomePart
from parcours.pathways.explain import reason_text, reason_texts, stored_reasons
from parcours.pathways.facts import welcome_done
from parcours.pathways.loading import FILE_PREFETCH, FILE_SELECT
from parcours.pathways.models import Decision, Pathway, PathwayEvent
from parcours.pathways.selectors import pathways_visible_to, probable_duplicates
from parcours.pathways.services.clock import clock_outcome, completion_outcome
from parcours.pathways.transitions import CLOSED_STATUSES, OPEN_STATUSES, allowed_from
from parcours.pathways.urgency import NOT_PRESENTED
from parcours.people.models import Person, PersonChange
from parcours.rules import Deadline, RulesError
from parcours.training.ledger import TrackLine, enrolments_prefetch
from parcours.training.selectors import pathway_ledger


@dataclass
class Dossier:
    person: Person
    pathway: Pathway | None
    others: list[Pathway] = field(default_factory=list)
    decision: Decision | None = None
    reasons: list[dict[str, str]] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    welcome: list[tuple[str, str, bool]] = field(default_factory=list)
    hours: list[TrackLine] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    events: list[PathwayEvent] = field(default_factory=list)
    changes: list[PersonChange] = field(default_factory=list)
    duplicates: list[Person] = field(default_factory=list)
    transitions: list[str] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    waivers: list[dict[str, object]] = field(default_factory=list)
    tasks: list["WelcomeTask"] = field(default_factory=list)

    @property
    def next_deadline(self) -> Deadline | None:
        """The first deadline of the legal clock still ahead (the summary's): none on a closed
        file, and the presentation only while the person has not presented."""
        if self.pathway is None or self.pathway.status in CLOSED_STATUSES:
            return None
        presented = self.pathway.status not in NOT_PRESENTED
        ahead = [
            d
            for d in self.deadlines
            if d.due_on >= timezone.localdate() and not (presented and d.name == "present_by")
        ]
        return min(ahead, key=lambda d: d.due_on, default=None)

    @property
    def behind_pace(self) -> list[TrackLine]:
        return [line for line in self.hours if line.behind_pace]


# The welcome module as a task list (GOV.UK / DSFR "task list"): each part's state.
TO_DO, IN_PROGRESS, DONE, CANNOT_START = "todo", "in_progress", "done", "cannot_start"


@dataclass(frozen=True)
class WelcomeTask:
    code: str
    label: str
    state: str
    url_name: str
    why: str = ""  # what makes it in progress (casework.welcome_tasks)
    # What the agent may set: "in_progress" (a part to do), "todo" (their own mark), or "".
    settable: str = ""


# The short lists of a file, read in the file's own query (core.prefetch): one query for the
# file section whatever its history, instead of one per relation.
_FILE_LISTS = (
    *FILE_PREFETCH,
    "decisions",
    "certificates",
    "non_compliances",
    "notifications",
    "convocations",
)


def _pathways(user: User, person: Person) -> list[Pathway]:
    events = PathwayEvent.objects.select_related("actor")
    found = Pathway.objects.select_related(*FILE_SELECT, "agent").filter(
        pk__in=pathways_visible_to(user=user), person=person
    )
    found = json_relations(found, _FILE_LISTS, filters={"decisions": Q(is_current=True)})
    found = found.prefetch_related(enrolments_prefetch(), Prefetch("events", queryset=events))
    pathways = list(found.order_by("-id"))
    json_relations_load(pathways, _FILE_LISTS)
    return pathways


def _welcome(pathway: Pathway) -> list[tuple[str, str, bool]]:
    try:
        required = parameters.codes("welcome_module_parts", pathway.referred_on)
    except RulesError:
        required = ()
    done = welcome_done(pathway)
    return [(part, str(WelcomePart(part).label), part in done) for part in required]


_PART_URLS: dict[str, str] = {
    WelcomePart.SOCIAL_ASSESSMENT: "staff:assessment",
    WelcomePart.RIGHTS_AND_DUTIES: "staff:rights",
    WelcomePart.FRENCH_TEST: "staff:french_test",
    WelcomePart.ADMINISTRATIVE_HELP: "staff:administrative_help",
}


def _part(code: str, label: str, done: bool, started: dict[str, tuple[Any, bool]]) -> WelcomeTask:
    """A part: done by its record; else in progress or to do (casework.welcome_tasks)."""
    where = _PART_URLS.get(code, "staff:person")
    if done:
        return WelcomeTask(code, label, DONE, where)
    if code in started:
        why, marked_only = started[code]
        return WelcomeTask(code, label, IN_PROGRESS, where, str(why), TO_DO if marked_only else "")
    return WelcomeTask(code, label, TO_DO, where, settable=IN_PROGRESS)


def _tasks(pathway: Pathway, welcome: list[tuple[str, str, bool]]) -> list[WelcomeTask]:
    """The module's parts (to do, in progress or done), then the agreement: in progress while
    a version waits for its signature, not startable before the module is done."""
    done = tuple(code for code, _label, is_done in welcome if is_done)
    started = parts_in_progress(pathway, done) if len(done) < len(welcome) else {}
    found = [_part(code, label, is_done, started) for code, label, is_done in welcome]
    if pathway.status not in OPEN_STATUSES:  # a closed file's tasks are shown, not set
        found = [replace(task, settable="") for task in found]
    agreements = list(pathway.agreements.all())
    if any(a.signed_on for a in agreements):
        state = DONE
    elif agreements:
        state = IN_PROGRESS
    else:
        state = TO_DO if pathway.module_done_on else CANNOT_START
    # Once a version exists, its section (sign, PDF) is where the work goes on.
    where = "staff:agreement_draft" if state == TO_DO else ""
    found.append(WelcomeTask("agreement", str(_("Agreement")), state, where))
    return found


def _hours(pathway: Pathway) -> list[TrackLine]:
    """Per track: hours in the training ledger, minimum, time limit, progress, enrolments."""
    return pathway_ledger(pathway=pathway, today=timezone.localdate())


def _fill(dossier: Dossier, pathway: Pathway) -> None:
    dossier.decision = next(iter(pathway.decisions.all()), None)
    if dossier.decision is not None:
        dossier.reasons = stored_reasons(dossier.decision.reasons, staff=True)
    clock = clock_outcome(pathway)
    dossier.deadlines = list(clock.deadlines) if clock else []
    dossier.welcome = _welcome(pathway)
    dossier.tasks = _tasks(pathway, dossier.welcome)
    dossier.hours = _hours(pathway)
    done = completion_outcome(pathway)
    dossier.missing = reason_texts(done.reasons) if done else []
    dossier.events = list(pathway.events.all())
    dossier.transitions = sorted(allowed_from(pathway.status))
    dossier.waivers = [
        {
            "pk": w.pk,
            "ground": w.ground,
            "label": reason_text(w.ground, staff=True),
            "evidence": w.evidence,
            "recorded_at": w.recorded_at,
        }
        for w in pathway.waivers.all()
    ]


# How many upcoming appointments the file shows (the calendar has the rest).
NEXT_APPOINTMENTS = 5


def next_appointments(*, user: User, person: Person) -> list[Appointment]:
    found = appointments_visible_to(user=user).filter(
        person=person, status__in=HOLDING_STATUSES, starts_at__gte=timezone.now()
    )
    # What the section shows (kind, office, staff): fewer joins for PostgreSQL to plan.
    found = found.select_related(None).select_related("kind", "office", "staff")
    return list(found.order_by("starts_at")[:NEXT_APPOINTMENTS])


def person_dossier(*, user: User, person: Person) -> Dossier:
    pathways = _pathways(user, person)
    dossier = Dossier(person=person, pathway=pathways[0] if pathways else None, others=pathways[1:])
    if dossier.pathway is not None:
        _fill(dossier, dossier.pathway)
    # The last 50 corrections: read with the person on the page (`person_find_for_page`).
    if _prefetched(person, "changes"):
        dossier.changes = list(person.changes.all())[:50]
    else:
        dossier.changes = list(person.changes.select_related("changed_by")[:50])
    dossier.duplicates = probable_duplicates(user=user, person=person)
    dossier.appointments = next_appointments(user=user, person=person)
    return dossier


def _prefetched(obj: Any, relation: str) -> bool:
    return relation in getattr(obj, "_prefetched_objects_cache", {})


def deadline_is_late(deadline: Deadline, on: date) -> bool:
    return deadline.is_late(on)
