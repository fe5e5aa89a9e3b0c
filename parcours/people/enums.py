from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    """As written on the residence permit."""

    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    OTHER = "X", _("X (other)")


class CefrLevel(models.TextChoices):
    """The Common European Framework scale itself (not a rule value)."""

    BELOW_A1 = "pre_A1", _("Below A1")
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


class PermitKind(models.TextChoices):
    A_CARD = "A", _("A card (limited stay)")
    B_CARD = "B", _("B card (unlimited stay)")
    F_CARD = "F", _("F card (family member)")
    F_PLUS_CARD = "F+", _("F+ card (permanent, family member)")
    K_CARD = "K", _("K card (long-term resident)")
    OTHER = "other", _("Other document")
