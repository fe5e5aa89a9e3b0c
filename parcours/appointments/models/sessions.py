"""Collective sessions (rights and duties, and others a coordinator defines) and their seats."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parcours.appointments.enums import SeatStatus


class Presenter(models.Model):
    """Someone who presents a centre's collective sessions without being one of its staff
    (a lawyer of a rights association, a CPAS social worker); deactivated, never deleted."""

    centre = models.ForeignKey(
        "territory.Centre", on_delete=models.PROTECT, related_name="+", verbose_name=_("centre")
    )
    full_name = models.CharField(_("full name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("presents sessions"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["full_name", "id"]
        verbose_name = _("presenter")
        verbose_name_plural = _("presenters")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "full_name", "organisation"],
                name="unique_presenter_per_centre",
                violation_error_message=_("This presenter is already recorded."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.organisation})" if self.organisation else self.full_name


class CollectiveSession(models.Model):
    centre = models.ForeignKey(
        "territory.Centre", on_delete=models.PROTECT, related_name="+", verbose_name=_("centre")
    )
    office = models.ForeignKey(
        "territory.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    room = models.ForeignKey(
        "appointments.Room", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("room")
    )
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presenter"),
    )
    # A presenter from outside the centre's staff (no staff calendar to keep free).
    guest_presenter = models.ForeignKey(
        Presenter,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("guest presenter"),
    )
    title = models.CharField(_("title"), max_length=200)
    # A session of rights and duties ticks that part of the welcome module when attended.
    counts_as_rights_and_duties = models.BooleanField(
        _("counts as rights and duties information"), default=True
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    language = models.CharField(_("language of the session"), max_length=8, default="fr")
    capacity = models.PositiveSmallIntegerField(_("seats"))
    interpreter_languages = models.JSONField(
        _("interpreting available into"), default=list, blank=True
    )
    online_registration = models.BooleanField(_("open to online registration"), default=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("collective session")
        verbose_name_plural = _("collective sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("The session must end after it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1),
                name="session_has_a_seat",
                violation_error_message=_("A session has at least one seat."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def presenter_name(self) -> str:
        """Who presents: the staff member, else the guest with their organisation; "" when
        nobody is chosen yet."""
        if self.presenter is not None:
            return self.presenter.full_name or self.presenter.email
        guest = self.guest_presenter
        if guest is None:
            return ""
        return (
            f"{guest.full_name} ({guest.organisation})" if guest.organisation else guest.full_name
        )


class Seat(models.Model):
    """A registration: a seat, or a place on the waiting list (ordered by `registered_at`)."""

    session = models.ForeignKey(CollectiveSession, on_delete=models.CASCADE, related_name="seats")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    intake = models.ForeignKey(
        "appointments.BookingIntake",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seats",
    )
    status = models.CharField(_("status"), max_length=12, choices=SeatStatus.choices)
    interpreter_language = models.CharField(_("interpreting into"), max_length=8, blank=True)
    # SHA-256 of the unguessable token in the link sent after an online registration (cancel).
    token_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    registered_at = models.DateTimeField(auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["registered_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=~models.Q(status="cancelled"),
                name="one_live_seat_per_person_and_session",
                violation_error_message=_("This person is already registered for this session."),
            ),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(intake__isnull=False),
                name="seat_for_a_person_or_an_online_booking",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id} {self.status}"
