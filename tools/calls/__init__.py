"""Call analysis (issue 15)."""
