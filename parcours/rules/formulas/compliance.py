"""Whether an obliged person can be reported to the Region's sanctioning official on a date
(CWASS art. 152/8), from the legal clock and the completion check. The grounds are those the
nightly sweep detects: not presented by the presentation deadline, an evaluation interview
not held by its deadline, the certificate deadline passed with the obligations unmet (a
breach of the agreement by missed appointments is the centre's judgement, not a date).
A volunteer is never sanctioned; nor is anyone while the Region's offer is lacking (on a
partner's waiting list that day)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from parcours.rules.engine import Outcome
from parcours.rules.reasons import Reason, reason


@dataclass(frozen=True, slots=True)
class Compliance:
    grounds: tuple[Reason, ...]
    excuses: tuple[Reason, ...]

    @property
    def sanctionable(self) -> bool:
        return bool(self.grounds) and not self.excuses


def compliance(
    clock: Outcome,
    *,
    on: date,
    complete: bool,
    presented_on: date | None,
    voluntary: bool,
    waiting_on_date: bool,
) -> Compliance:
    grounds: list[Reason] = []
    present_by = clock.deadline("present_by")
    if present_by and present_by.is_late(on) and (presented_on is None or presented_on > on):
        grounds.append(reason("presentation_late", due_on=present_by.due_on.isoformat()))
    evaluation = clock.deadline("next_evaluation_by")
    if evaluation and evaluation.is_late(on):
        grounds.append(reason("evaluation_missed", due_on=evaluation.due_on.isoformat()))
    certificate = clock.deadline("certificate_by")
    if certificate and certificate.is_late(on) and not complete:
        grounds.append(reason("certificate_late", due_on=certificate.due_on.isoformat()))
    excuses = [reason("voluntary_participant")] if voluntary else []
    if waiting_on_date:
        excuses.append(reason("waiting_list"))
    return Compliance(tuple(grounds), tuple(excuses))
