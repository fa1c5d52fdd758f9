"""Consultation intake and review records (filled in by the intake work)."""
