"""The worklist, the person page, the person search and the referral import on the synthetic
region (`bench/common.py`: `BENCH_PEOPLE`, default 50,000, with appointments, enrolments and
attendance), each beside its floors: the raw SQL floor and the framework floor.

Run: `DATABASE_URL=postgres://… .venv/bin/python bench/bench_casework.py` (or `make bench`).
Nothing is asserted: the figures are printed for a human (and the README) to compare."""

from __future__ import annotations

import os
import time
from datetime import date
from functools import partial
from typing import Any

from common import PEOPLE, client_for, database, floors, line, time_it, user
from django.db import transaction

TODAY = date(2026, 11, 30)
# The worklist's page in one query: the centre's files with a task, in the stored order
# (`worklist_due`, then the referral; the index `pathway_worklist_idx`), with their person.
WORKLIST_SQL = """
SELECT p.id, p.status, p.referred_on, p.worklist_task, p.worklist_due,
       pe.family_name, pe.given_names, pe.birth_date
FROM pathways_pathway p JOIN people_person pe ON pe.id = p.person_id
WHERE p.centre_id = %s AND p.status <> 'transferred' AND p.worklist_task <> ''
ORDER BY p.worklist_due, p.referred_on, p.id
LIMIT 25 OFFSET %s
"""
PERSON_SQL = """
SELECT pe.*, p.id, p.status, p.referred_on,
       (SELECT count(*) FROM appointments_appointment a WHERE a.person_id = pe.id),
       (SELECT coalesce(sum(at.hours), 0) FROM training_enrolment e
          JOIN training_attendance at ON at.enrolment_id = e.id WHERE e.pathway_id = p.id)
FROM people_person pe JOIN pathways_pathway p ON p.person_id = pe.id WHERE pe.id = %s
"""
# The search's first passes (`people_search_keys`): the names that start with one of the
# words, holding the others, in byte order of the folded name (the index
# `person_search_prefix_idx`), the count's SEARCH_LIMIT keys with what the page shows of them.
SEARCH_SQL = """
SELECT pe.id, pe.family_name, pe.given_names, pe.birth_date, c.name_fr
FROM people_person pe JOIN territory_commune c ON c.id = pe.commune_id
WHERE EXISTS (SELECT 1 FROM pathways_pathway p WHERE p.person_id = pe.id AND p.centre_id = %s
              AND p.status <> 'transferred')
  AND pe.merged_into_id IS NULL AND pe.anonymised_on IS NULL
  AND (((pe.search_text COLLATE "C") LIKE %s AND pe.search_text LIKE %s)
       OR ((pe.search_text COLLATE "C") LIKE %s AND pe.search_text LIKE %s))
ORDER BY (pe.search_text COLLATE "C"), pe.id LIMIT 200
"""


def pages(agent: Any, coordinator: Any, person_id: int) -> None:
    centre = agent.centre_id
    for account, label in ((agent, "agent"), (coordinator, "coordinator")):
        client = client_for(account)
        for page, offset in ((1, 0), (40, 975)):
            floor = floors(client, f"worklist{page}", WORKLIST_SQL, (centre, offset))
            url = f"/staff/worklist/?scope=centre&page={page}"
            timing = time_it(partial(client.get, url))
            line(f"worklist ({label}, page {page})", timing, floor)
    floor = floors(client, "person", PERSON_SQL, (person_id,))
    url = f"/staff/people/{person_id}/"
    line("person page (in training)", time_it(lambda: client.get(url)), floor)
    for query, words in (("nguyen", ("nguyen", "")), ("yara haddad", ("yara", "haddad"))):
        first, other = words
        params = (centre, f"{first}%", f"%{other}%", f"{other or first}%", f"%{first}%")
        floor = floors(client, f"search-{words[0]}", SEARCH_SQL, params)

        def search(q: str = query) -> Any:
            response = client.post("/staff/search/", {"q": q})
            assert response.status_code == 200, response.status_code  # noqa: S101
            assert b"<table" in response.content or b"result" in response.content  # noqa: S101
            return response

        line(f"search “{query}”", time_it(search), floor)


def import_commit_time(agent: Any) -> None:
    """10,000 rows checked and written, then rolled back (the database stays as seeded)."""
    from parcours.pathways.services.referral_import import import_commit, import_stage  # noqa: PLC0415
    from parcours.territory.models import Commune  # noqa: PLC0415

    header = "family_name;given_names;birth_date;sex;nationalities;commune_nis;registered_on;"
    header += "permit_ordered_on;permit_valid_from;legal_stay_since"
    row = "Csv{n};Yara;02/02/1992;F;SY;53053;15/10/2026;10/10/2026;2026-10-10;2026-09-01"
    content = "\r\n".join([header, *(row.format(n=n) for n in range(10_000))]).encode()
    with transaction.atomic():
        token = import_stage(content=content, user=agent)
        began = time.perf_counter()
        count = import_commit(
            token=token,
            referring_commune=Commune.objects.get(nis_code="53053"),
            referred_on=TODAY,
            actor=agent,
        )
        seconds = time.perf_counter() - began
        transaction.set_rollback(True)
    print(f"CSV commit of {count:,} rows (check + write): {seconds:.1f} s", flush=True)


def main() -> None:
    from parcours.pathways.models import Pathway  # noqa: PLC0415

    database()
    agent = user("agent")
    coordinator = user("coordinator")
    busy = Pathway.objects.filter(centre=agent.centre_id, status="in_training").order_by("pk")
    person_id = busy.values_list("person_id", flat=True).first()
    print(f"casework at {PEOPLE:,} people", flush=True)
    pages(agent, coordinator, int(person_id or 0))
    if os.environ.get("BENCH_IMPORT", "1") != "0":  # BENCH_IMPORT=0: the pages only
        import_commit_time(agent)


if __name__ == "__main__":
    main()
