from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessKind(models.TextChoices):
    """What was read or exported: the access log shows these labels."""

    PAGE = "page", _("Page, list or file showing the person")
    FILE = "file", _("File page")
    IDENTITY = "identity", _("Identity (correction form)")
    HEALTH = "health", _("Health note")
    SOCIAL_ASSESSMENT = "social_assessment", _("Social assessment")
    AGREEMENT_PDF = "agreement_pdf", _("Agreement (PDF)")
    CERTIFICATE_PDF = "certificate_pdf", _("Certificate (PDF)")
    COMPLIANCE_PDF = "compliance_pdf", _("Non-compliance letter (PDF)")
    CONVOCATION_PDF = "convocation_pdf", _("Convocation (PDF)")
    EVALUATION_PDF = "evaluation_pdf", _("Evaluation report (PDF)")
    DECISION_PDF = "decision_pdf", _("Decision letter (PDF)")
    SANCTION_FILE = "sanction_file", _("Sanction file (PDF)")
    SANCTION_LIST = "sanction_list", _("List of sanction files")
    SEARCH = "search", _("Search results")
    LIST_EXPORT = "list_export", _("List exported (CSV or XLSX)")
    MERGE = "merge", _("Merge of duplicates")
    TRAINING_ATTESTATION = "training_attestation", _("Training attestation")
    TRAINING_LEDGER = "training_ledger", _("Training hours ledger")
    TRAINING_LEVEL_PROOF = "training_level_proof", _("Proof of a French level")
    ADMIN = "admin", _("Administration site")
    SUBJECT_ACCESS_JSON = "subject_access_json", _("Subject access export (JSON)")
    SUBJECT_ACCESS_PDF = "subject_access_pdf", _("Subject access export (PDF)")
    PERSONAL_SPACE = "personal_space", _("Personal space (the person)")
