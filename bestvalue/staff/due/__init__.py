"""The due room: each user's due page, reminder preferences and private calendar feed."""
