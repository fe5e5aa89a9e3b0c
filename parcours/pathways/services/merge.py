"""Merging two records of the same person (issue 11): the people app moves every record of
the duplicate to the kept person; here the files follow. The kept person ends with exactly one
open file — the other open file's records (appointments, enrolments, hours, documents,
referrals, timeline...) move into it and it is closed as merged — and its obligation decision
is recomputed from the merged facts. The merge is recorded (`PersonMerge`) with every move, so
that an administrator can undo it."""

from django.db import IntegrityError, transaction
from django.db.models import ForeignKey, ForeignObjectRel, Model, OneToOneField
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.pathways.enums import EventKind, Status
from parcours.pathways.models import Decision, Pathway, Transfer
from parcours.pathways.services.events import event_record
from parcours.pathways.services.intake import recompute_open
from parcours.pathways.transitions import OPEN_STATUSES
from parcours.people.models import Person, PersonMerge
from parcours.people.services import person_merge, person_merge_undo, record_moves

# What stays on the closed file: its decisions (the kept file gets its own, recomputed), its
# transfers (history of where it was), and the link of a transferred file to its origin.
_STAYS: tuple[type[Model], ...] = (Decision, Transfer, Pathway)


def _pathway_links() -> list[ForeignKey[Model, Model]]:
    return [
        relation.field
        for relation in Pathway._meta.get_fields(include_hidden=True)
        if isinstance(relation, ForeignObjectRel)
        and isinstance(relation.field, ForeignKey)
        and relation.related_model not in _STAYS
    ]


def _fold(closed: Pathway, main: Pathway) -> list[list[object]]:
    """Move the records of `closed` onto `main`; a record `main` may hold only once (its
    social assessment, its health note...) stays on `closed` when `main` has its own."""
    moves: list[list[object]] = []
    for field in _pathway_links():
        manager = field.model._default_manager
        if isinstance(field, OneToOneField) and manager.filter(**{field.name: main}).exists():
            continue
        for pk in manager.filter(**{field.name: closed}).values_list("pk", flat=True):
            try:
                with transaction.atomic():
                    moves += record_moves(field.model, field.name, [pk], closed.pk, main.pk)
            except IntegrityError:  # main holds the same record already (a unique rule)
                continue
    return moves


def _referent_kept(main: Pathway, files: list[Pathway]) -> dict[str, object]:
    """A file without a referent agent takes the one of a folded file of the same centre."""
    if main.agent_id is not None:
        return {}
    agents = [f.agent_id for f in files if f.agent_id and f.centre_id == main.centre_id]
    if not agents:
        return {}
    Pathway.objects.filter(pk=main.pk).update(agent_id=agents[0])
    return {"agent": [main.pk, None]}


@transaction.atomic
def people_merge(
    *,
    keep: Person,
    duplicate: Person,
    actor: User,
    reason: str,
    picks: dict[str, str] | None = None,
) -> PersonMerge:
    open_files = Pathway.objects.filter(status__in=OPEN_STATUSES).order_by("referred_on", "pk")
    record = person_merge(keep=keep, duplicate=duplicate, actor=actor, reason=reason, picks=picks)
    files = list(open_files.filter(person=keep))
    moves: list[list[object]] = []
    closed: dict[str, object] = {}
    if len(files) > 1:
        # The oldest file stays open, whichever record is kept: it holds the history (its
        # invitation, module, agreement dates live on the file itself, not in moved records).
        main = files[0]
        for other in files:
            if other.pk == main.pk:
                continue
            moves += _fold(other, main)
            closed[str(other.pk)] = other.status
            Pathway.objects.filter(pk=other.pk).update(status=Status.TRANSFERRED)
            event_record(
                pathway=other,
                kind=EventKind.STATUS,
                actor=actor,
                reason=reason,
                summary=_("Merged into file #%(id)s") % {"id": main.pk},
            )
        earliest = min(f.referred_on for f in files)
        if earliest < main.referred_on:
            closed["referred_on"] = [main.pk, main.referred_on.isoformat()]
            Pathway.objects.filter(pk=main.pk).update(referred_on=earliest)
        closed |= _referent_kept(main, files)
        event_record(
            pathway=main,
            kind=EventKind.STATUS,
            actor=actor,
            reason=reason,
            summary=_("Two files of the same person merged into this one"),
        )
    PersonMerge.objects.filter(pk=record.pk).update(moves=record.moves + moves, closed=closed)
    recompute_open(keep, actor)
    record.refresh_from_db()
    return record


@transaction.atomic
def people_merge_undo(*, merge: PersonMerge, actor: User) -> None:
    """Both people and their files as before the merge; decisions recomputed."""
    closed = dict(merge.closed)
    referred = closed.pop("referred_on", None)
    agent = closed.pop("agent", None)
    person_merge_undo(merge=merge, actor=actor)
    for pk, status in closed.items():
        Pathway.objects.filter(pk=int(pk)).update(status=status)
    if isinstance(referred, list):
        Pathway.objects.filter(pk=referred[0]).update(referred_on=referred[1])
    if isinstance(agent, list):
        Pathway.objects.filter(pk=agent[0]).update(agent_id=agent[1])
    for person in Person.objects.filter(pk__in=[merge.kept_id, merge.merged_id]):
        recompute_open(person, actor)
