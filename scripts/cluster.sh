#!/usr/bin/env bash
# The scaled-out topology without Docker (docs/operations.md): one redis-server with AOF
# (appendfsync always) and two Lägesbild nodes, all on loopback ports. Ctrl-C stops all three.
#
#   scripts/cluster.sh                  # Redis on 6390, nodes on 8081 and 8082, demo data on
#   REDIS_PORT=6391 PORT_A=9001 PORT_B=9002 DEMO=off scripts/cluster.sh
#   CLUSTER_DIR=/var/tmp/lb scripts/cluster.sh   # where the AOF and logs go (kept on exit)
set -euo pipefail
cd "$(dirname "$0")/.."

REDIS_PORT="${REDIS_PORT:-6390}"
PORT_A="${PORT_A:-8081}"
PORT_B="${PORT_B:-8082}"
DIR="${CLUSTER_DIR:-.tmp/cluster}"
export DEMO="${DEMO:-on}"
mkdir -p "$DIR/redis" "$DIR/a" "$DIR/b"

# Run the built bundle if there is one, else the sources through tsx.
if [[ -f dist/server/main.js && "${FROM_SOURCE:-}" != "1" ]]; then
  RUN=(node dist/server/main.js)
else
  RUN=(node --import tsx server/main.ts)
fi

pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$PWD/$DIR/redis" \
  --appendonly yes --appendfsync always --save '' --maxmemory-policy noeviction \
  >"$DIR/redis.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do
  redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
  sleep 0.1
done
redis-cli -p "$REDIS_PORT" ping >/dev/null || { echo "redis-server did not start (see $DIR/redis.log)"; exit 1; }
echo "Redis:  127.0.0.1:$REDIS_PORT  (AOF in $DIR/redis)"

start_node() { # id port
  REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" NODE_ID="$1" PORT="$2" HOST=127.0.0.1 \
    DATA_DIR="$DIR/$1" "${RUN[@]}" > >(sed -u "s/^/[$1] /") 2>&1 &
  pids+=($!)
}
start_node a "$PORT_A"
start_node b "$PORT_B"
echo "Noder:  http://127.0.0.1:$PORT_A (a)  http://127.0.0.1:$PORT_B (b)   Ctrl-C stoppar allt."
wait -n "${pids[@]}"
echo "En process avslutades; stänger resten."
