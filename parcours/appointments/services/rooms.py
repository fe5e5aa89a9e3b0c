"""Rooms and presenters of a centre's collective sessions, kept by its coordinator: created,
edited, deactivated (never deleted: past sessions keep them). Changes go to the admin's
change log."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from parcours.accounts.changelog import change_record
from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.appointments.models import Presenter, Room
from parcours.core.errors import DomainError
from parcours.territory.models import Office


@dataclass(frozen=True)
class RoomInput:
    office: Office
    name: str
    seats: int
    is_active: bool = True


@dataclass(frozen=True)
class PresenterInput:
    full_name: str
    organisation: str = ""
    email: str = ""
    phone: str = ""
    is_active: bool = True


def _coordinator_of(actor: User, centre_id: int | None) -> None:
    if actor.role != Role.COORDINATOR or actor.centre_id is None or actor.centre_id != centre_id:
        raise DomainError(_("This belongs to another centre."))


@transaction.atomic
def room_save(*, data: RoomInput, actor: User, room: Room | None = None) -> Room:
    _coordinator_of(actor, data.office.centre_id)
    if room is not None:
        _coordinator_of(actor, room.office.centre_id)
    if not data.name.strip() or data.seats < 1:
        raise DomainError(_("Give the room a name and at least one seat."))
    target = room or Room(created_by=actor)
    target.office, target.name = data.office, data.name.strip()[:100]
    target.seats, target.is_active = data.seats, data.is_active
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError:
        raise DomainError(_("This office already has a room of this name.")) from None
    change_record(actor=actor, target=target, created=room is None, what="room")
    return target


@transaction.atomic
def presenter_save(
    *, data: PresenterInput, actor: User, presenter: Presenter | None = None
) -> Presenter:
    _coordinator_of(actor, presenter.centre_id if presenter else actor.centre_id)
    if not data.full_name.strip():
        raise DomainError(_("Give the presenter's full name."))
    target = presenter or Presenter(centre=actor.centre, created_by=actor)
    for name, value in vars(data).items():
        setattr(target, name, value.strip() if isinstance(value, str) else value)
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError:
        raise DomainError(_("This presenter is already recorded.")) from None
    change_record(actor=actor, target=target, created=presenter is None, what="presenter")
    return target
