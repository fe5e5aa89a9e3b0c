"""Interpreters: providers (SeTIS wallon by default), interpreters known to the centre, and
requests for an appointment or a session."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parcours.appointments.enums import InterpreterMode, InterpreterStatus


class InterpreterProvider(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    email = models.EmailField(_("e-mail for requests"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_default = models.BooleanField(_("default provider"), default=False)

    class Meta:
        ordering = ["-is_default", "name"]
        verbose_name = _("interpreting provider")
        verbose_name_plural = _("interpreting providers")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_interpreting_provider",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Interpreter(models.Model):
    """A named interpreter: held like a room or a staff member once confirmed."""

    provider = models.ForeignKey(
        InterpreterProvider, on_delete=models.PROTECT, related_name="interpreters"
    )
    name = models.CharField(_("name"), max_length=200)
    languages = models.JSONField(_("languages"), default=list)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("interpreter")
        verbose_name_plural = _("interpreters")

    def __str__(self) -> str:
        return self.name


class InterpreterRequest(models.Model):
    centre = models.ForeignKey("territory.Centre", on_delete=models.PROTECT, related_name="+")
    appointment = models.ForeignKey(
        "appointments.Appointment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="interpreter_requests",
    )
    session = models.ForeignKey(
        "appointments.CollectiveSession",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="interpreter_requests",
    )
    language = models.CharField(_("language"), max_length=8)
    dialect = models.CharField(_("dialect"), max_length=100, blank=True)
    provider = models.ForeignKey(
        InterpreterProvider, on_delete=models.PROTECT, verbose_name=_("provider")
    )
    mode = models.CharField(
        _("mode"), max_length=8, choices=InterpreterMode.choices, default=InterpreterMode.ON_SITE
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=InterpreterStatus.choices,
        default=InterpreterStatus.TO_REQUEST,
    )
    interpreter = models.ForeignKey(
        Interpreter, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("interpreter")
    )
    contact = models.CharField(_("interpreter's contact"), max_length=200, blank=True)
    provider_reference = models.CharField(_("provider's reference"), max_length=100, blank=True)
    requested_at = models.DateTimeField(_("requested at"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("interpreter request")
        verbose_name_plural = _("interpreter requests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(appointment__isnull=True) ^ models.Q(session__isnull=True),
                name="interpreter_request_for_one_appointment_or_session",
            )
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.status}"

    @property
    def starts_at(self) -> datetime | None:
        target = self.appointment or self.session
        return target.starts_at if target else None
