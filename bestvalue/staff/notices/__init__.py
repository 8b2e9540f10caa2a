"""The notices room of the staff pages: notices, their items, reviews, engagement and data requests."""
