"""Reminders: every dated obligation across the record, who it concerns, and reminders sent once."""
