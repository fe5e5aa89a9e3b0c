from django.db import models
from django.utils.translation import gettext_lazy as _


class Track(models.TextChoices):
    """Tracks 2–4 of the pathway given by partner bodies (CWASS art. 152)."""

    FRENCH = "french", _("French as a foreign language")
    CITIZENSHIP = "citizenship", _("Citizenship")
    JOB_ORIENTATION = "job_orientation", _("Job orientation (ISP)")
