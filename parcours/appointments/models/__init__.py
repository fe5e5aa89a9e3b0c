from parcours.appointments.models.appointment import (
    Appointment,
    AppointmentEvent,
    BookingIntake,
    CalendarFeed,
    Delivery,
)
from parcours.appointments.models.calendar import (
    AppointmentKind,
    Availability,
    ClosingDay,
    ResourceHold,
    Room,
)
from parcours.appointments.models.interpreters import (
    Interpreter,
    InterpreterProvider,
    InterpreterRequest,
)
from parcours.appointments.models.sessions import CollectiveSession, Presenter, Seat

__all__ = [
    "Appointment",
    "AppointmentEvent",
    "AppointmentKind",
    "Availability",
    "BookingIntake",
    "CalendarFeed",
    "ClosingDay",
    "CollectiveSession",
    "Delivery",
    "Interpreter",
    "InterpreterProvider",
    "InterpreterRequest",
    "Presenter",
    "ResourceHold",
    "Room",
    "Seat",
]
