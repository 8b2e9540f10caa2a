"""Reference data: England's local authorities, their codes, names, types, regions and
combined-authority memberships."""
