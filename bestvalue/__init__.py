"""bestvalue: England's best value oversight service."""
