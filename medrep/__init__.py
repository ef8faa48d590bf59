"""MedRep: `medrep.kernel` (settings, application context; importable by every layer) and
`medrep.cli` (the `medrep` command line, the top layer)."""
