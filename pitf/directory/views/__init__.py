"""Pages of the directory, a module per entity: agencies, bodies, memberships, designations and
their history. Each view parses its input, calls a selector or a service, and renders."""
