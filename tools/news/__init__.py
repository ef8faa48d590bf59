"""News (issue 16): the Naver News Search API client, per-rep queries, de-duplicated stories,
relevance with a Korean reason, feedback, and the `news_*` tools (docs/news.md)."""
