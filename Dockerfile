# MedRep bot server: `medrep serve` (Slack /slack/events, Teams /api/messages, /healthz, /metrics).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    MEDREP_HOME=/data DATABASE_URL=sqlite:////data/medrep.db PORT=3000

RUN apt-get update && apt-get install -y --no-install-recommends build-essential curl \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# CPU-only PyTorch first, so sentence-transformers/FlagEmbedding do not pull CUDA wheels.
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
COPY pyproject.toml README.md ./
COPY medrep ./medrep
COPY bot ./bot
COPY agent ./agent
COPY tools ./tools
COPY data ./data
COPY scheduled ./scheduled
RUN pip install .

RUN useradd --create-home medrep && mkdir -p /data && chown medrep /data
USER medrep
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD curl -fsS http://127.0.0.1:${PORT}/healthz || exit 1
CMD ["medrep", "serve"]
