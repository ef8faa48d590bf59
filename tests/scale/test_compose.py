"""docker-compose.yml describes the scale-out set: two bot replicas behind the load balancer,
a worker, PostgreSQL, Redis, MLflow, health checks, and a one-shot init the others wait for.
(Images cannot be pulled here; `docker-compose config` validated the file, see README.)"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_services_health_checks_and_init_order():
    services = _compose()["services"]
    assert {"postgres", "redis", "mlflow", "init", "bot", "worker", "lb"} <= set(services)
    assert services["bot"]["deploy"]["replicas"] >= 2
    assert services["init"]["command"] == ["medrep", "init"] and services["init"]["restart"] == "no"
    assert services["bot"]["command"] == ["medrep", "serve"] and services["worker"]["command"] == ["medrep", "worker"]
    for name in ("bot", "worker"):
        assert services[name]["depends_on"]["init"] == {"condition": "service_completed_successfully"}
        assert services[name]["depends_on"]["redis"] == {"condition": "service_healthy"}
        assert services[name]["environment"]["DATABASE_URL"].startswith("postgresql")
        assert services[name]["environment"]["REDIS_URL"].startswith("redis://redis:")
    assert services["init"]["depends_on"]["postgres"] == {"condition": "service_healthy"}
    for name in ("postgres", "redis", "mlflow", "bot", "worker", "lb"):
        assert services[name]["healthcheck"]["test"], name
    assert "/healthz" in " ".join(services["bot"]["healthcheck"]["test"])
    assert services["bot"]["environment"]["SLACK_APP_TOKEN"] == ""  # HTTP mode behind the balancer


def test_load_balancer_points_at_the_bot_replicas():
    services = _compose()["services"]
    mount = next(v for v in services["lb"]["volumes"] if "nginx.conf" in v)
    conf = (ROOT / mount.split(":")[0]).read_text(encoding="utf-8")
    port = services["bot"]["environment"]["PORT"]
    assert re.search(rf"server bot:{port} resolve", conf)
    assert re.search(r"proxy_pass http://medrep_bot;", conf)
    assert "client_max_body_size 2m;" in conf


def test_compose_commands_exist_in_the_cli():
    from medrep.cli.main import app

    names = {c.name or c.callback.__name__ for c in app.registered_commands}
    assert {"init", "serve", "worker"} <= names
