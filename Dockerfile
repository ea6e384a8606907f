# syntax=docker/dockerfile:1
# Build stage: the pinned dependencies (requirements.lock, every file checked against its hash), then the package.
FROM python:3.12.13-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
# Its own layer, so a change to the code alone does not download the dependencies again.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY api ./api
COPY bot ./bot
COPY classifier ./classifier
COPY cli ./cli
COPY core ./core
COPY storage ./storage
RUN pip install --no-deps .

# Run stage: only the environment, the org configs and a non-root user.
FROM python:3.12.13-slim-bookworm
RUN useradd --create-home --uid 10001 forslagskassa
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY config ./config
RUN mkdir -p /app/data && chown forslagskassa /app/data
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    DATA_DIR=/app/data \
    ORG_CONFIG=/app/config/loten.yaml
USER forslagskassa
EXPOSE 8000
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"8000\")}/healthz', timeout=4)"
# `serve` runs the migrations first and trains the default model when none is stored.
CMD ["forslagskassa", "serve"]
