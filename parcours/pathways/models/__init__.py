from parcours.pathways.models.agreement import Agreement, Convocation, Evaluation
from parcours.pathways.models.compliance import (
    NonCompliance,
    Notification,
    ReferralKey,
    Transfer,
    TransferRequest,
)
from parcours.pathways.models.pathway import (
    Adjustment,
    Decision,
    Pathway,
    PathwayEvent,
    Referral,
    Waiver,
)
from parcours.pathways.models.referral_import import ImportJob
from parcours.pathways.models.templates import DocumentKind, DocumentTemplate, IssuedDocument
from parcours.pathways.models.welcome import (
    AdministrativeHelp,
    FrenchTest,
    HealthNote,
    RightsSession,
    SocialAssessment,
)

__all__ = [
    "Adjustment",
    "AdministrativeHelp",
    "Agreement",
    "Convocation",
    "Decision",
    "DocumentKind",
    "DocumentTemplate",
    "Evaluation",
    "FrenchTest",
    "HealthNote",
    "ImportJob",
    "IssuedDocument",
    "NonCompliance",
    "Notification",
    "Pathway",
    "PathwayEvent",
    "Referral",
    "ReferralKey",
    "RightsSession",
    "SocialAssessment",
    "Transfer",
    "TransferRequest",
    "Waiver",
]
