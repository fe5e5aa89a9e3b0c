"""Changes made in the staff pages to what the admin also edits (partner bodies, offers,
accounts, rooms, presenters) go to the admin's change log, so that its "history" of an object
says who changed it, when and how, wherever the change was made."""

import json

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models

from parcours.accounts.models import User


def change_record(*, actor: User, target: models.Model, created: bool, what: str) -> LogEntry:
    """`what`: the part that changed, in words ("role", "active", "offer")."""
    message = [{"added": {}}] if created else [{"changed": {"fields": [str(what)]}}]
    return LogEntry.objects.create(
        user_id=actor.pk,
        content_type_id=ContentType.objects.get_for_model(target, for_concrete_model=False).pk,
        object_id=str(target.pk),
        object_repr=str(target)[:200],
        action_flag=ADDITION if created else CHANGE,
        change_message=json.dumps(message),
    )
