"""What a calendar is made of: kinds and their lengths, rooms, availability templates,
closing days, and the holds that stop double booking."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parcours.appointments.enums import KindCode
from parcours.territory.enums import Weekday


class AppointmentKind(models.Model):
    """One row per kind: the default length an administrator can change."""

    code = models.CharField(_("kind"), max_length=24, choices=KindCode.choices, unique=True)
    default_minutes = models.PositiveSmallIntegerField(_("default length (minutes)"))
    bookable_online = models.BooleanField(_("newcomers can book it online"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("appointment kind")
        verbose_name_plural = _("appointment kinds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(default_minutes__gte=5, default_minutes__lte=480),
                name="appointment_kind_length_between_5_and_480",
                violation_error_message=_("A length is between 5 and 480 minutes."),
            )
        ]

    def __str__(self) -> str:
        return str(self.get_code_display())


class Room(models.Model):
    office = models.ForeignKey(
        "territory.Office", on_delete=models.CASCADE, related_name="rooms", verbose_name=_("office")
    )
    name = models.CharField(_("name"), max_length=100)
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    # A room no longer used is deactivated, never deleted: past sessions keep it.
    is_active = models.BooleanField(_("in use"), default=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["office", "name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="unique_room_name_per_office")
        ]

    def __str__(self) -> str:
        return self.name


class Availability(models.Model):
    """A weekly template: this staff member receives at this office on that day, then."""

    office = models.ForeignKey(
        "territory.Office",
        on_delete=models.CASCADE,
        related_name="availabilities",
        verbose_name=_("office"),
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="availabilities",
        verbose_name=_("staff member"),
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))
    online_booking = models.BooleanField(_("open to online booking"), default=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["office", "weekday", "starts_at"]
        verbose_name = _("availability")
        verbose_name_plural = _("availabilities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="availability_ends_after_start",
                violation_error_message=_("The end must be after the start."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class ClosingDay(models.Model):
    """A day the centre (or one office) is closed, on top of Belgian public holidays."""

    centre = models.ForeignKey(
        "territory.Centre", on_delete=models.CASCADE, related_name="+", verbose_name=_("centre")
    )
    office = models.ForeignKey(
        "territory.Office",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="closing_days",
        verbose_name=_("office (empty: the whole centre)"),
    )
    on = models.DateField(_("closed on"))
    reason = models.CharField(_("reason"), max_length=200)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["on"]
        verbose_name = _("closing day")
        verbose_name_plural = _("closing days")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "office", "on"],
                name="unique_closing_day",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.on} {self.reason}"


# What a ResourceHold holds: "staff:<user id>", "room:<id>", "interpreter:<id>".
def staff_key(user_id: int) -> str:
    return f"staff:{user_id}"


def room_key(room_id: int) -> str:
    return f"room:{room_id}"


def interpreter_key(interpreter_id: int) -> str:
    return f"interpreter:{interpreter_id}"


class ResourceHold(models.Model):
    """A staff member, room or interpreter held for a time span. On PostgreSQL an exclusion
    constraint (migration 0002, btree_gist) forbids two active holds of the same resource that
    overlap; on SQLite the booking services check inside their serialised transaction."""

    resource = models.CharField(_("resource"), max_length=40)
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    active = models.BooleanField(default=True)
    appointment = models.ForeignKey(
        "appointments.Appointment", on_delete=models.CASCADE, null=True, related_name="holds"
    )
    session = models.ForeignKey(
        "appointments.CollectiveSession", on_delete=models.CASCADE, null=True, related_name="holds"
    )

    class Meta:
        verbose_name = _("resource hold")
        verbose_name_plural = _("resource holds")
        indexes = [
            models.Index(
                fields=["resource", "starts_at"],
                condition=models.Q(active=True),
                name="hold_active_resource_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="hold_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(appointment__isnull=True) ^ models.Q(session__isnull=True),
                name="hold_for_one_appointment_or_session",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource} {self.starts_at:%Y-%m-%d %H:%M}"
