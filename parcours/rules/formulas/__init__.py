"""Dated rule functions, one module per chapter. Importing this package registers them."""

from parcours.rules.formulas import completion, compliance, deadlines, obligation

__all__ = ["completion", "compliance", "deadlines", "obligation"]
