#!/usr/bin/env bash
# Makes sure the PostgreSQL server of OMS_TEST_POSTGRES_URL answers; starts the local cluster if it is the default
# 127.0.0.1:5432 one and is down (as .ci/run does). Used by bench.sh and reliability.sh.
set -euo pipefail
if [ -n "${OMS_TEST_POSTGRES_URL:-}" ] || ! command -v pg_isready >/dev/null; then
    exit 0  # another server, or no client tools to check with: the run itself reports a server it cannot reach
fi
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
        for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
    fi
fi
pg_isready -h 127.0.0.1 -p 5432 -q || { echo "PostgreSQL does not answer on 127.0.0.1:5432" >&2; exit 1; }
