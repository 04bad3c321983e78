"""Teams: the organisation, members, key figures, dashboards, entry, benchmarks, alerts,
capacity."""
