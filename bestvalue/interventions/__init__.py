"""Statutory inspections (s.10) and interventions (s.15): minded-to letters, directions, appointees,
reports and exit."""
