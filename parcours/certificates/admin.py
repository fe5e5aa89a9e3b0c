"""Certificates are not in the admin (DESIGN.md: the admin holds reference data and
accounts): the centre's staff read and revoke them; anyone checks one on the public page."""
