from collections.abc import Callable

from django.test import Client

from parcours.accounts.models import User

ClientFor = Callable[[User | None], Client]
