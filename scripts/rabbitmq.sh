#!/usr/bin/env bash
# Makes sure the RabbitMQ of the tests answers on 127.0.0.1:5672; starts the local server (rabbitmq-server -detached)
# if it is down, waiting at most 60 s for it. Used by .ci/run, like scripts/postgres.sh for PostgreSQL.
set -euo pipefail
answers() { (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; }
if [ -n "${OMS_TEST_RABBITMQ_URL:-}" ] && [[ "$OMS_TEST_RABBITMQ_URL" != *"@127.0.0.1:5672/"* ]]; then
    exit 0  # another server: the tests report one they cannot reach
fi
if ! answers && command -v rabbitmq-server >/dev/null; then
    as_root=$([ "$(id -u)" = 0 ] || echo sudo)
    $as_root rabbitmq-server -detached >/dev/null 2>&1 || true
    for _ in $(seq 1 60); do answers && break; sleep 1; done
fi
answers || { echo "RabbitMQ does not answer on 127.0.0.1:5672" >&2; exit 1; }
