"""Reference data from the statutory guidance: the seven best value themes."""
