"""The SPOG's standing committees and ad hoc working groups: their meetings and work items."""
