from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    AGENT = "agent", _("Centre agent")
    COORDINATOR = "coordinator", _("Centre coordinator")
    PARTNER = "partner", _("Partner body")
    COMMUNE = "commune", _("Commune")
    REGION = "region", _("Region (SPW)")
    ADMIN = "admin", _("Administrator")


CENTRE_ROLES = frozenset({Role.AGENT, Role.COORDINATOR})
ADMIN_SITE_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN})


class TokenScope(models.TextChoices):
    """What an API token opens: one API, for the one kind of user it is issued to."""

    REFERRALS = "referrals", _("Referrals (communes)")
    PARTNER_HOURS = "partner_hours", _("Referrals and hours (partner bodies)")
