#!/usr/bin/env bash
# Benchmark on PostgreSQL: builds the jar, starts a throwaway PostgreSQL 15 cluster (Debian's
# postgresql package) and the server, prints start-up time (launch -> first 200 from /fhir/metadata)
# and RSS, then runs the benchmark driver (src/bench/java) and prints its table.
#   server/bench.sh [tasks-to-seed] [cases]  (default 10000, patient,txn,poll,content; add metrics to seed referrals with histories and time all measures; add igpoll for
#                                             the IG's light-CBO poll with _lastUpdated and _include;
#                                             add secure to run the cases with security off, then on;
#                                             find and hsds for the directory: $find, HSDS import)
# The server starts as the Docker image starts it: Java 25 from the extracted jar and an AOT cache
# (server/fast-start.sh, prepared once per build under target/fast-start); BENCH_LAUNCH=jar starts the
# plain jar instead. BENCH_JAVA_HOME picks the server's JVM (default: a Java 25 under /usr/lib/jvm if
# there is one, else the default java).
# Environment: BENCH_PG_PORT (5433), BENCH_PORT (8090), BENCH_JWKS_PORT (8099), BENCH_CLUSTER (sdohbench), JAVA_OPTS (the server's JVM options),
#              BENCH_SERVICES (50000: HealthcareServices seeded for the find case).
set -euo pipefail
cd "$(dirname "$0")/.."
TASKS="${1:-10000}"
CASES="${2:-patient,txn,poll,content}"
PG_PORT="${BENCH_PG_PORT:-5433}"
PORT="${BENCH_PORT:-8090}"
JWKS_PORT="${BENCH_JWKS_PORT:-8099}"
JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx640m -XX:+UseG1GC -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=75 -XX:MaxMetaspaceSize=256m -XX:ReservedCodeCacheSize=96m -Xss512k}"
CLUSTER="${BENCH_CLUSTER:-sdohbench}"
DATA_DIR="$(mktemp -d)"
SERVER_PID=""

cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  pg_dropcluster --stop 15 "$CLUSTER" >/dev/null 2>&1 || true
  rm -rf "$DATA_DIR"
}
trap cleanup EXIT

mvn -B -q -DskipTests package
BENCH_JAVA_HOME="${BENCH_JAVA_HOME:-$(ls -d /usr/lib/jvm/*-25-* 2>/dev/null | head -1)}"
JAVA="${BENCH_JAVA_HOME:+$BENCH_JAVA_HOME/bin/}java"
if [ "${BENCH_LAUNCH:-fast}" = jar ]; then
  LAUNCH=("$JAVA" $JAVA_OPTS -jar target/sdoh-referral-hub.jar)
else
  if [ ! -x target/fast-start/run ] || [ target/sdoh-referral-hub.jar -nt target/fast-start/run ] \
      || ! grep -q "\"$JAVA\"" target/fast-start/run; then
    JAVA_HOME="$BENCH_JAVA_HOME" JAVA_OPTS="-XX:+UseG1GC" server/fast-start.sh target/sdoh-referral-hub.jar target/fast-start >/dev/null
  fi
  LAUNCH=(env JAVA_OPTS="$JAVA_OPTS" "$PWD/target/fast-start/run")
fi
pg_dropcluster --stop 15 "$CLUSTER" >/dev/null 2>&1 || true
pg_createcluster 15 "$CLUSTER" --port "$PG_PORT" >/dev/null
pg_ctlcluster 15 "$CLUSTER" start
su postgres -c "psql -q -p $PG_PORT -c \"CREATE ROLE sdoh LOGIN PASSWORD 'sdoh'\" -c 'CREATE DATABASE sdoh OWNER sdoh'"

# start_server <extra server arguments...>: starts the jar on the cluster, waits for /fhir/metadata.
start_server() {
  START_NS=$(date +%s%N)
  # shellcheck disable=SC2086
  SDOH_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/sdoh" SDOH_DB_USER=sdoh SDOH_DB_PASSWORD=sdoh \
    "${LAUNCH[@]}" --spring.profiles.active=postgres \
    --server.port="$PORT" --sdoh.data-dir="$DATA_DIR" "$@" >> "$DATA_DIR/server.log" 2>&1 &
  SERVER_PID=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/fhir/metadata"; do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died:"; tail -50 "$DATA_DIR/server.log"; exit 1; }
    sleep 0.2
  done
  END_NS=$(date +%s%N)
  echo "start-up to first /fhir/metadata: $(( (END_NS - START_NS) / 1000000 )) ms"
  echo "RSS after start-up: $(( $(ps -o rss= -p "$SERVER_PID") / 1024 )) MB"
}

stop_server() {
  kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# run_driver <extra JVM properties...>
run_driver() {
  mvn -B -q -Pbench test-compile exec:java -Dbench.url="http://127.0.0.1:$PORT/fhir" -Dbench.tasks="$TASKS" \
    -Dbench.db.url="jdbc:postgresql://127.0.0.1:$PG_PORT/sdoh" -Dbench.db.user=sdoh -Dbench.db.password=sdoh \
    -Dbench.cases="${CASES//,secure/}" -Dbench.services="${BENCH_SERVICES:-50000}" "$@"
  echo "RSS after benchmark: $(( $(ps -o rss= -p "$SERVER_PID") / 1024 )) MB"
}

echo "JVM: $("$JAVA" -version 2>&1 | head -1); options: $JAVA_OPTS; launch: ${LAUNCH[*]}"
if [[ ",$CASES," != *",secure,"* ]]; then
  start_server
  run_driver
  exit 0
fi

# "secure": the same cases twice in one run, first with authentication, consent and audit off, then
# on (tokens from the driver's own issuer, trusted by the server).
echo "== security, consent and audit OFF"
start_server --sdoh.audit.enabled=false
run_driver
stop_server
echo "== security, consent and audit ON"
start_server --sdoh.security.enabled=true --sdoh.audit.enabled=true \
  --sdoh.security.issuers[0].issuer-uri="http://127.0.0.1:$JWKS_PORT/sdoh" \
  --sdoh.security.issuers[0].jwk-set-uri="http://127.0.0.1:$JWKS_PORT/jwks"
run_driver -Dbench.secure=true -Dsdoh.test-tokens.port="$JWKS_PORT"
