"""Best value notices: grounds, expectations, reissues, reviews, outcomes, engagement (the heart)."""
