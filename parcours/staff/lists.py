"""What every staff list shares: sorting by whitelisted keys and the audited export. The
mechanism is shared with the partner portal, so it lives below the interfaces
(`parcours.core.lists`, `parcours.audit.exports`); staff views import it from here."""

from parcours.audit.exports import export_response
from parcours.core.lists import EXPORTS, Sorting, export_asked, sorting

__all__ = ["EXPORTS", "Sorting", "export_asked", "export_response", "sorting"]
