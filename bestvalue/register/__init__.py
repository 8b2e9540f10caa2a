"""Interface: the public register pages. Owns no models; reads through selectors."""
