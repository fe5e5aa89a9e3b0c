"""People are not in the admin (DESIGN.md: the admin holds reference data and accounts):
a person's data is read on the staff pages, scoped to the centre and audited."""
