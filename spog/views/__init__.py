"""The SPOG's pages: reports (cycles, reports, entries) and the portrait."""
