"""Append-only, hash-chained log of every change made through a service."""
