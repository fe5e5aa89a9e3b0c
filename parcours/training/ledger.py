"""The hours ledger, read side: hours attended per track from the current attendance rows
(THE source of the completion check), and the per-track lines the centre and the partner see."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import DecimalField, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from parcours.rules.dates import add_months
from parcours.rules.formulas.pace import behind_from, behind_pace
from parcours.rules.loader import CEFR_LEVELS

# Re-exported: the port speaks the training vocabulary to the domains below it.
from parcours.training.enums import EnrolmentStatus as EnrolmentStatus  # noqa: PLC0414
from parcours.training.enums import Track as Track  # noqa: PLC0414
from parcours.training.models import Attendance, Enrolment

if TYPE_CHECKING:
    from parcours.pathways.models import Agreement, Pathway

ZERO = Decimal(0)
TRACKS = tuple(Track.values)  # the lines' order (`Track.values` builds its list each call)
PER_CENT = Decimal(100)  # a unit conversion: the pace parameter is in percent
CURRENT = Q(attendances__superseded_at__isnull=True)


def current_attendance() -> QuerySet[Attendance]:
    return Attendance.objects.filter(superseded_at__isnull=True)


_HOURS = Coalesce(
    Sum("attendances__hours", filter=CURRENT),
    Value(ZERO),
    output_field=DecimalField(max_digits=9, decimal_places=2),
)


def enrolments_with_hours() -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.select_related("offer__partner")
        .prefetch_related("answers")
        .annotate(hours_done=_HOURS)
    )


def enrolments_hours() -> QuerySet[Enrolment]:
    """The enrolments with their hours and nothing else (no partner, no answers): what the
    hours pace reads (`track_lines`), for `pathways.loading.files_for_pace`."""
    return Enrolment.objects.annotate(hours_done=_HOURS)


def enrolments_prefetch() -> "Prefetch[Any, Any, Any]":
    """For `pathways.loading`: the enrolments of each file with their hours, one query."""
    return Prefetch("enrolments", queryset=enrolments_with_hours())


def pathway_enrolments(pathway: "Pathway") -> list[Enrolment]:
    """The file's enrolments, from the prefetch of `pathways.loading` when it was loaded so."""
    return _enrolments(pathway)


def _enrolments(pathway: "Pathway") -> list[Enrolment]:
    cache = getattr(pathway, "_prefetched_objects_cache", {})
    if "enrolments" in cache:
        return list(pathway.enrolments.all())
    return list(enrolments_with_hours().filter(pathway=pathway))


def hours_by_track(pathway: "Pathway") -> dict[str, float]:
    """Only recorded attendance counts: the certificate cannot rest on hours not in the ledger."""
    totals: dict[str, float] = defaultdict(float)
    for enrolment in _enrolments(pathway):
        totals[enrolment.track] += float(enrolment.hours_done)  # type: ignore[attr-defined]
    return dict(totals)


def levels_reached(pathway: "Pathway") -> list[str]:
    """French levels a partner recorded with the test or attestation that proves them."""
    return [
        e.level_reached
        for e in _enrolments(pathway)
        if e.level_reached in CEFR_LEVELS and e.level_proof
    ]


def waiting_days(enrolment: Enrolment, today: date) -> int:
    if enrolment.waiting_from is None:
        return 0
    end = enrolment.waiting_until or today
    return max((end - enrolment.waiting_from).days, 0)


@dataclass
class TrackLine:
    track: str
    done: Decimal
    minimum: int | None
    due_on: date | None
    level_reached: str | None = None
    ended_by_level: bool = False
    waiting_days: int = 0
    enrolments: list[Enrolment] = field(default_factory=list)
    behind_pace: bool = False  # hours lag behind what the minimum needs by the time limit
    behind_from: date | None = None  # the day it falls behind with these hours (None: never)

    @property
    def label(self) -> str:
        """In the language of the page that reads it (the nightly pace never does)."""
        return str(Track(self.track).label)

    @property
    def progress(self) -> int:
        if self.ended_by_level:
            return 100
        if not self.minimum:
            return 0
        return min(int(self.done * 100 / self.minimum), 100)

    @property
    def met(self) -> bool:
        return self.ended_by_level or (self.minimum is not None and self.done >= self.minimum)


@dataclass(frozen=True)
class LedgerTerms:
    """What the ledger is measured against: the agreement's minimums and time limits (taken
    from the rules parameters when it was drafted), the French exit level of the rules, and
    the pace threshold in force (`hours_pace_minimum_percent`)."""

    agreement: "Agreement | None"
    minimums: dict[str, int]
    exit_level: str | None
    french_level: str | None
    pace_percent: int | None = None


def _due(terms: LedgerTerms, track: str) -> date | None:
    agreement = terms.agreement
    months = agreement.time_limits.get(track) if agreement else None
    if agreement is None or months is None:
        return None
    return add_months(agreement.signed_on or agreement.starts_on, int(months))


class _PaceTerms(TypedDict):
    """What `behind_pace` and `behind_from` measure a line with."""

    done: Decimal
    minimum: int
    starts_on: date
    due_on: date
    share: Decimal


def _pace(line: TrackLine, terms: LedgerTerms) -> _PaceTerms | None:
    """What the pace of a line is measured with; None when it has no pace."""
    agreement = terms.agreement
    start = agreement.signed_on if agreement is not None else None
    if line.met or start is None or line.due_on is None or not line.minimum:
        return None
    if terms.pace_percent is None:
        return None
    return {
        "done": line.done,
        "minimum": line.minimum,
        "starts_on": start,
        "due_on": line.due_on,
        "share": Decimal(terms.pace_percent) / PER_CENT,
    }


def _reached(level: str | None, exit_level: str | None) -> bool:
    if level not in CEFR_LEVELS or exit_level not in CEFR_LEVELS:
        return False
    return CEFR_LEVELS.index(level) >= CEFR_LEVELS.index(exit_level)


def track_lines(pathway: "Pathway", terms: LedgerTerms, today: date) -> list[TrackLine]:
    enrolments = _enrolments(pathway)
    by_track: dict[str, list[Enrolment]] = defaultdict(list)
    for enrolment in enrolments:
        by_track[enrolment.track].append(enrolment)
    tracks = [t for t in TRACKS if t in terms.minimums or t in by_track]
    lines = []
    for track in tracks:
        items = by_track.get(track, [])
        french = track == Track.FRENCH
        line = TrackLine(
            track=track,
            done=sum((e.hours_done for e in items), ZERO),  # type: ignore[attr-defined]
            minimum=terms.minimums.get(track),
            due_on=_due(terms, track),
            level_reached=terms.french_level if french else None,
            ended_by_level=french and _reached(terms.french_level, terms.exit_level),
            waiting_days=sum(waiting_days(e, today) for e in items),
            enrolments=items,
        )
        pace = _pace(line, terms)
        if pace is not None:
            line.behind_pace = behind_pace(**pace, on=today)
            line.behind_from = behind_from(**pace)
        lines.append(line)
    return lines


def is_enrolled(enrolment: Enrolment) -> bool:
    return enrolment.status == EnrolmentStatus.ACCEPTED


def _waiting(start: date, end: date) -> QuerySet[Enrolment]:
    """Places on a partner's waiting list that overlap [start, end], the earliest first."""
    return (
        Enrolment.objects.filter(waiting_from__isnull=False, waiting_from__lte=end)
        .filter(Q(waiting_until__isnull=True) | Q(waiting_until__gte=start))
        .select_related("offer__partner")
        .order_by("waiting_from", "pk")
    )


def _excuse(found: Enrolment) -> str:
    return _(
        "On the waiting list of %(partner)s (%(track)s) since %(since)s: "
        "the Region's offer was lacking."
    ) % {
        "partner": found.offer.partner.name,
        "track": Track(found.track).label,
        "since": found.waiting_from.strftime("%d/%m/%Y") if found.waiting_from else "",
    }


def waiting_excuse(*, pathway: "Pathway", start: date, end: date) -> str | None:
    """Why the person cannot be sanctioned for [start, end]: a waiting list of a partner
    overlapping that time (the Region's offer was lacking, CWASS art. 152/8). None otherwise."""
    found = _waiting(start, end).filter(pathway=pathway).first()
    return None if found is None else _excuse(found)


def waiting_excuses(*, pathway_ids: Iterable[int], start: date, end: date) -> dict[int, str]:
    """`waiting_excuse` of a set of files in one query: the files that have one, with it."""
    excuses: dict[int, str] = {}
    for found in _waiting(start, end).filter(pathway_id__any_of=pathway_ids):
        excuses.setdefault(found.pathway_id, _excuse(found))
    return excuses
