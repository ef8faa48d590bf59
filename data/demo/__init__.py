"""The demo world: a seeded generator (org, accounts, sales, activity, documents, wiki) and its
loading into the database. Orchestration (`medrep demo`) lives in `medrep.cli.demo`."""
