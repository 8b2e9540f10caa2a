"""The department's intervention room: pages for inspections and interventions (urls.py, views
by area, forms)."""
