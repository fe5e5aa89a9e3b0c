"""What a centre sets on its own documents: letterhead (logo, address, colour), signatory and
signature image, and the free paragraphs of each document per language. A version is never
changed: every save writes the next one, and every issued document names the version it used,
so that printing it again gives the same text."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    CONVOCATION = "convocation", _("Convocation")
    REMINDER = "reminder", _("Reminder")
    NOTICE = "notice", _("Formal notice")
    DECISION = "decision", _("Decision letter")
    AGREEMENT = "agreement", _("Agreement")
    CERTIFICATE = "certificate", _("Certificate")
    EVALUATION = "evaluation", _("Evaluation report")


class DocumentTemplate(models.Model):
    centre = models.ForeignKey(
        "territory.Centre",
        on_delete=models.PROTECT,
        related_name="document_templates",
        verbose_name=_("centre"),
    )
    version = models.PositiveIntegerField(_("version"))
    logo = models.BinaryField(_("logo"), blank=True, default=b"")
    logo_type = models.CharField(_("logo type"), max_length=16, blank=True)
    address = models.TextField(_("letterhead address"), blank=True)
    colour = models.CharField(_("colour"), max_length=7, blank=True)
    signatory_name = models.CharField(_("signatory"), max_length=150, blank=True)
    signatory_function = models.CharField(_("signatory's function"), max_length=150, blank=True)
    signature = models.BinaryField(_("signature image"), blank=True, default=b"")
    signature_type = models.CharField(_("signature image type"), max_length=16, blank=True)
    # {document kind: {language: {"intro": text, "closing": text}}}, plain text only.
    paragraphs = models.JSONField(_("free paragraphs"), default=dict, blank=True)
    changes = models.JSONField(_("what changed"), default=list, blank=True)
    # Version 0 of a centre: the record given to the documents it issued before its templates
    # were versioned (a data migration wrote it, nobody saved it). It is never the current
    # version; its `changes` names this field, so the versions list says what it is.
    before_versioning = models.BooleanField(
        _("documents issued before the templates were versioned"), default=False
    )
    # Version 1 of a centre that issued a document before it saved a version: the defaults
    # (no letterhead, no paragraph: the centre's name and office address), written once by
    # the system at that issue, so that every issued document names the version it was made
    # with. The coordinator's first save is version 2. Its `changes` names this field.
    defaults = models.BooleanField(
        _("the defaults, recorded when the centre first issued a document"), default=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["centre", "-version"]
        verbose_name = _("document template version")
        constraints = [
            models.UniqueConstraint(fields=["centre", "version"], name="template_version_unique"),
            models.CheckConstraint(
                condition=models.Q(
                    before_versioning=False, defaults=False, created_by__isnull=False
                )
                | models.Q(before_versioning=True, version=0)
                | models.Q(defaults=True, version=1, created_by__isnull=True),
                name="template_saved_by_someone_or_by_the_system",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.centre_id} v{self.version}"

    def paragraph(self, kind: str, language: str, slot: str) -> str:
        return str(self.paragraphs.get(kind, {}).get(language, {}).get(slot, ""))


class IssuedDocument(models.Model):
    """A document given to a person, with the template version it was issued with."""

    kind = models.CharField(_("document"), max_length=16, choices=DocumentKind.choices)
    reference = models.CharField(_("reference"), max_length=64)
    centre = models.ForeignKey(
        "territory.Centre", on_delete=models.PROTECT, related_name="+", verbose_name=_("centre")
    )
    template = models.ForeignKey(
        DocumentTemplate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issued",
        verbose_name=_("template version"),
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("issued document")
        constraints = [
            models.UniqueConstraint(fields=["kind", "reference"], name="issued_document_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.reference}"
