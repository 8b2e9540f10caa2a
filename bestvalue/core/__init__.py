"""Plumbing with no domain models: environment readers, the clock, GOV.UK helpers."""
