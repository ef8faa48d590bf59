"""Team wiki: pages with revisions, diff and revert, access by visibility."""
