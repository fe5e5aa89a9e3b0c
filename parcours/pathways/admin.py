"""The admin holds reference data and accounts only (DESIGN.md, "Who uses it"): casework
records (pathways, their timeline, decisions, cases, transfers) are read on the staff pages,
scoped to a centre and audited, never in the admin. The communes' API tokens are accounts'
keys (accounts.ApiToken)."""
