"""Reports for the steering group, chosen and written from the project screen."""
