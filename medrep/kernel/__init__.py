"""The kernel every layer may import: typed settings (read once) and the application context
(database sessions, the business date, paths under MEDREP_HOME). It imports no other layer."""
