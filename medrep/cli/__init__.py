"""The `medrep` command line. Each command imports its implementation lazily."""
