"""Self-managing teams: organisation, members, key figures, dashboards, benchmarks, alerts,
capacity."""
