"""Individual appointments, their append-only history, and the online bookings queue."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parcours.appointments.enums import AppointmentStatus, IntakeStatus


class BookingIntake(models.Model):
    """What a newcomer typed when booking online: waits in the centre's queue until a worker
    links it to a person (matched by the duplicate rules) — nothing is lost if they never come."""

    centre = models.ForeignKey(
        "territory.Centre", on_delete=models.PROTECT, related_name="+", verbose_name=_("centre")
    )
    family_name = models.CharField(_("family name"), max_length=150)
    given_names = models.CharField(_("given names"), max_length=150)
    birth_date = models.DateField(_("birth date"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=8)
    # The language an interpreter should speak at the first appointment; empty: none needed.
    interpreter_language = models.CharField(_("interpreter needed in"), max_length=8, blank=True)
    contact_key = models.CharField(max_length=64, db_index=True, editable=False)
    matched_person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("probable match"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=IntakeStatus.choices, default=IntakeStatus.NEW
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("online booking")
        verbose_name_plural = _("online bookings")
        indexes = [models.Index(fields=["centre", "status"], name="intake_centre_status_idx")]

    def __str__(self) -> str:
        return f"{self.family_name.upper()} {self.given_names}"


class Appointment(models.Model):
    centre = models.ForeignKey(
        "territory.Centre", on_delete=models.PROTECT, related_name="+", verbose_name=_("centre")
    )
    office = models.ForeignKey(
        "territory.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    kind = models.ForeignKey(
        "appointments.AppointmentKind", on_delete=models.PROTECT, verbose_name=_("kind")
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("staff member"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("person"),
    )
    intake = models.ForeignKey(
        BookingIntake,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("online booking"),
    )
    room = models.ForeignKey(
        "appointments.Room", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("room")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.PLANNED,
    )
    language = models.CharField(_("language"), max_length=8, default="fr")
    note = models.CharField(_("note"), max_length=300, blank=True)
    rescheduled_from = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="rescheduled_to"
    )
    # SHA-256 of the unguessable token in the link sent to the person (cancel or move).
    token_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        indexes = [
            models.Index(fields=["office", "starts_at"], name="appointment_office_start_idx"),
            models.Index(fields=["staff", "starts_at"], name="appointment_staff_start_idx"),
            models.Index(fields=["status", "starts_at"], name="appointment_status_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="appointment_ends_after_start",
                violation_error_message=_("The appointment must end after it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(intake__isnull=False),
                name="appointment_for_a_person_or_an_online_booking",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def who(self) -> str:
        if self.person is not None:
            return self.person.full_name
        return str(self.intake) if self.intake is not None else ""


class AppointmentEvent(models.Model):
    """Append-only history of an appointment: every status change, who, when, why."""

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    summary = models.CharField(_("what"), max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("appointment event")
        verbose_name_plural = _("appointment events")

    def __str__(self) -> str:
        return self.summary


class Delivery(models.Model):
    """One message sent (reminder, confirmation): the unique key makes sending idempotent."""

    key = models.CharField(max_length=120, unique=True)
    channel = models.CharField(max_length=8)
    appointment = models.ForeignKey(
        Appointment, on_delete=models.CASCADE, null=True, related_name="deliveries"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("message sent")
        verbose_name_plural = _("messages sent")

    def __str__(self) -> str:
        return self.key


class CalendarFeed(models.Model):
    """A staff member's private ICS feed; only the SHA-256 of the URL token is stored."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user_id)
