from parcours.training.models.enrolments import (
    Attendance,
    AttendanceAttestation,
    Enrolment,
    EnrolmentAnswer,
)
from parcours.training.models.partners import Offer, Partner

__all__ = [
    "Attendance",
    "AttendanceAttestation",
    "Enrolment",
    "EnrolmentAnswer",
    "Offer",
    "Partner",
]
