"""Managing the directory in the product's own pages: agencies, bodies, memberships,
designations, and their history ("who was a member on date D")."""
