"""Interface: the JSON API (django-ninja). Owns no models; see docs/api.md."""
