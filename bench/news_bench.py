"""News collection + ranking for N reps against the loopback fake Naver API (target < 30 s).

    .venv/bin/python bench/news_bench.py [--reps 50] [--articles 3000] [--home DIR]

Uses DIR when it already holds a demo world (medrep.db), else generates one in a temp dir.
Reps beyond the demo's are the demo reps again (same profiles, own relevance rows are not
duplicated: the profile list cycles over the real reps). The fake holds `--articles` articles
built from every rep's query terms (each syndicated by 1-3 outlets). Prints one JSON object."""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=50)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--home", type=Path)
    ns = parser.parse_args()

    from sqlalchemy import func, select

    from data.db import open_app
    from data.models import NewsRelevance, NewsStory
    from medrep.kernel.settings import Settings
    from tests.fakes.naver_api import CLIENT_ID, CLIENT_SECRET, FakeNaver, article, start_fake_naver
    from tools.news.collect import collect
    from tools.news.profile import all_profiles

    fake, server = start_fake_naver(FakeNaver())
    home = ns.home or Path(tempfile.mkdtemp(prefix="medrep-news-bench-"))
    settings = Settings(_env_file=None, database_url=f"sqlite:///{home / 'medrep.db'}", medrep_home=home,
                        medrep_today="2026-11-20", naver_api_url=fake.base, naver_client_id=CLIENT_ID,
                        naver_client_secret=CLIENT_SECRET)
    if not (home / "medrep.db").exists():
        from data.demo.generator import generate_world

        app = open_app(settings)
        generate_world(app)
    else:
        app = open_app(settings)
    t0 = time.perf_counter()
    with app.session() as session:
        real = all_profiles(session)
    profiles = (real * (ns.reps // max(len(real), 1) + 1))[:ns.reps]
    unique = {p.rep_id: p for p in profiles}
    t_profiles = time.perf_counter() - t0
    rng = random.Random(7)
    terms = sorted({t.text for p in unique.values() for t in p.terms})
    events = ("처방 확대", "임상 결과 발표", "공급 차질 우려", "시장 점유율 확대", "신제품 출시", "약가 조정 논의")
    n = 0
    while n < ns.articles:
        term, event = rng.choice(terms), rng.choice(events)
        title = f"{term} {event} {n // 3}호"
        for outlet in range(rng.randint(1, 3)):
            fake.articles.append(article(title if outlet == 0 else f"[종합] {title}", f"{term} 관련 {event}",
                                         link=f"https://n.news.naver.com/{n}", originallink=f"https://o{outlet}.kr/{n}"))
            n += 1
    t1 = time.perf_counter()
    result = collect(app, profiles=list(unique.values()))
    t_collect = time.perf_counter() - t1
    with app.session() as session:
        stories = session.scalar(select(func.count()).select_from(NewsStory))
        relevance = session.scalar(select(func.count()).select_from(NewsRelevance))
    server.shutdown()
    total = t_profiles + t_collect
    print(json.dumps({"reps": ns.reps, "distinct_reps": len(unique), "queries": result.queries, "calls": result.calls,
                      "articles": result.articles, "stories": stories, "relevance_rows": relevance,
                      "profiles_s": round(t_profiles, 2), "collect_rank_s": round(t_collect, 2),
                      "total_s": round(total, 2), "target_s": 30, "ok": total < 30}, ensure_ascii=False))


if __name__ == "__main__":
    main()
