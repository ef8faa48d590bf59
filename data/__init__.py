"""Data layer: SQLAlchemy models, sessions, migrations, access rules, demo world."""
