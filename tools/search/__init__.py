"""Search and knowledge: hybrid retrieval with citations, ingestion, index management."""
