"""Improvement: boards and panels, and (with the improvement issue) plans, measures and evidence."""
