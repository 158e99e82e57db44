"""The Senior Policy Operating Group's own work: quarterly meetings, reporting cycles, TIP Report data calls."""
