"""Email alerts of published changes to the register, for anyone, without an account."""
