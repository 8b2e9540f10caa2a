"""Users, their roles (DESIGN.md section 2) and the permission predicates every interface uses."""
