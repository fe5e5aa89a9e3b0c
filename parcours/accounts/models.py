from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parcours.accounts.enums import CENTRE_ROLES, Role, TokenScope


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **fields: Any) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str | None) -> "User":
        # E-mails are stored in lower case; "Agent.Mons@…" must find the same account.
        return self.get(email__iexact=(username or "").strip())

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> "User":
        fields.update(role=Role.ADMIN, is_superuser=True)
        return self.create_user(email, password, **fields)


def _attachment_rule() -> models.Q:
    """Each role is attached to exactly what it works for (DESIGN.md, "Who uses it")."""
    centre = models.Q(centre__isnull=False, partner__isnull=True, commune__isnull=True)
    partner = models.Q(centre__isnull=True, partner__isnull=False, commune__isnull=True)
    commune = models.Q(centre__isnull=True, partner__isnull=True, commune__isnull=False)
    none = models.Q(centre__isnull=True, partner__isnull=True, commune__isnull=True)
    return (
        (models.Q(role__in=[Role.AGENT, Role.COORDINATOR]) & centre)
        | (models.Q(role=Role.PARTNER) & partner)
        | (models.Q(role=Role.COMMUNE) & commune)
        | (models.Q(role__in=[Role.REGION, Role.ADMIN]) & none)
    )


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    centre = models.ForeignKey(
        "territory.Centre",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("centre"),
    )
    partner = models.ForeignKey(
        "training.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("partner body"),
    )
    commune = models.ForeignKey(
        "territory.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("commune"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined on"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=_attachment_rule(),
                name="user_attached_to_what_its_role_needs",
                violation_error_message=_(
                    "Agents and coordinators belong to a centre, partner staff to a partner "
                    "body, commune staff to a commune; the Region and administrators to none."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_staff(self) -> bool:
        """Django's admin entry: coordinators (commune → centre table) and administrators."""
        return self.is_active and self.role in (Role.COORDINATOR, Role.ADMIN)

    @property
    def works_for_centre(self) -> bool:
        return self.role in CENTRE_ROLES

    @property
    def attachment(self) -> object | None:
        return self.centre or self.partner or self.commune


class ApiToken(models.Model):
    """A user's key to one API (its scope); only the SHA-256 of the token is stored, and its
    first characters to tell it apart. Revoked, it stays as a record of what was issued."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    scope = models.CharField(_("scope"), max_length=16, choices=TokenScope.choices)
    prefix = models.CharField(_("prefix"), max_length=8)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        indexes = [models.Index(fields=["user", "scope"], name="api_token_user_scope")]

    def __str__(self) -> str:
        return f"{self.prefix}…"
