"""Improvement and assurance: the authority's plan, measures and evidence, and the boards' record."""
