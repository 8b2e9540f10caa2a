"""Interface: pages for signed-in staff (department, authority officers, board members). No models."""
