"""The allowed status changes of a pathway (DESIGN.md, "Pathway states"), as a table."""

from parcours.pathways.enums import Status

S = Status
_ACTIVE = (S.REFERRED, S.INVITED, S.WELCOME, S.AGREED, S.IN_TRAINING)
_LEAVE = (S.WAIVED, S.NOT_CONCERNED, S.SUSPENDED, S.TRANSFERRED, S.WITHDRAWN, S.NON_COMPLIANT)

TRANSITIONS: dict[Status, frozenset[Status]] = {
    S.REFERRED: frozenset({S.INVITED, S.WELCOME, *_LEAVE}),
    S.INVITED: frozenset({S.WELCOME, *_LEAVE}),
    S.WELCOME: frozenset({S.AGREED, *_LEAVE}),
    S.AGREED: frozenset({S.IN_TRAINING, S.COMPLETED, *_LEAVE} - {S.NOT_CONCERNED}),
    S.IN_TRAINING: frozenset({S.COMPLETED, *_LEAVE} - {S.NOT_CONCERNED}),
    # A suspension ends by resuming where the person was; a case of non-compliance ends when
    # the person resumes, or with the sanction file sent to the Region (CWASS art. 152/8).
    S.SUSPENDED: frozenset({*_ACTIVE, S.WITHDRAWN, S.TRANSFERRED}),
    # Back to "referred" only when the case is found not sanctionable (services/compliance).
    S.NON_COMPLIANT: frozenset({S.REPORTED, *_ACTIVE, S.WITHDRAWN, S.TRANSFERRED}),
    S.REPORTED: frozenset({*_ACTIVE[1:], S.WITHDRAWN, S.TRANSFERRED}),
    # A waived person may go on voluntarily (domain.md, "Who is concerned").
    S.WAIVED: frozenset({S.WELCOME, S.AGREED, S.IN_TRAINING, S.WITHDRAWN}),
    S.NOT_CONCERNED: frozenset({S.WITHDRAWN}),
    S.COMPLETED: frozenset(),
    S.TRANSFERRED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
# Statuses that carry a business rule: only their own service enters them (the certificate,
# the signed agreement, the non-compliance case and its sanction file, the transfer, the
# closing for a move out of the region), never the generic status form.
SERVICE_ONLY = frozenset(
    {S.COMPLETED, S.AGREED, S.NON_COMPLIANT, S.REPORTED, S.TRANSFERRED, S.WITHDRAWN}
)
OPEN_STATUSES = frozenset({*_ACTIVE, S.SUSPENDED, S.NON_COMPLIANT, S.REPORTED})
CLOSED_STATUSES = frozenset(TRANSITIONS) - OPEN_STATUSES


def allowed_from(status: str) -> frozenset[Status]:
    return TRANSITIONS.get(Status(status), frozenset())


def form_choices(status: str) -> list[Status]:
    """What the generic status form offers from a status."""
    allowed = allowed_from(status) - SERVICE_ONLY
    return [s for s in Status if s in allowed]
