from typing import Any

from django.core.management.base import BaseCommand, CommandError

from parcours.demo.appointments import appointments_seed
from parcours.demo.casework import casework_seed
from parcours.demo.services import DEMO_PASSWORD, demo_seed
from parcours.demo.training import training_seed
from parcours.territory.models import Centre


class Command(BaseCommand):
    help = "Create the demo offices, partner body and accounts (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not Centre.objects.exists():
            raise CommandError("Load the reference data first: parcours load_reference")
        accounts = demo_seed()
        people = casework_seed()
        enrolments = training_seed()
        slots = appointments_seed()
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.role:<12} {account.email}")
        self.stdout.write(f"Casework: {people} demo people created (0 when already there).")
        self.stdout.write(f"Training: {enrolments} demo rows created (0 when already there).")
        self.stdout.write(f"Appointments: {slots} demo rows created (0 when already there).")
