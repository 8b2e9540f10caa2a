"""Writes to improvement and assurance records. Each function is one transaction that checks who
may act and the record's rules, saves, and records its audit event. Import from the modules:
plan, measures, evidence, boards, publication."""
