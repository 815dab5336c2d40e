#!/usr/bin/env bash
# The animal census (blumycelium's example) across seven processes on one shared store:
# six workers, one per queue of the AnimalStats flow, and a client that starts 20 runs and checks
# their statistics. The processes start in a random order with random delays; midway one worker is
# killed with SIGKILL and a replacement starts. Exits 0 only when the client does.
#
#   samples/animals.sh [sqlite|postgres]
#
# sqlite:   a new SQLite file in a temporary directory.
# postgres: a new schema (dropped at the end) on $HYPHA_TEST_POSTGRES_URL, by default
#           jdbc:postgresql://127.0.0.1:5432/test?user=postgres; needs psql.
#
# The class path: $HYPHA_CLASSPATH if set (the samples' tests set it), else Maven compiles the
# samples and lists their dependencies. $HYPHA_SEED fixes the random choices.
set -euo pipefail

kind=${1:-sqlite}
case "$kind" in
  sqlite | postgres) ;;
  *)
    echo "usage: $0 [sqlite|postgres]" >&2
    exit 2
    ;;
esac

samples=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$samples")
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
seed=${HYPHA_SEED:-$((RANDOM * 32768 + RANDOM))}
RANDOM=$((seed % 32768))
work=$(mktemp -d "${TMPDIR:-/tmp}/hypha-animals.XXXXXX")
pids=()
schema=""
psql_url=""

say() { echo "animals.sh: $*"; }

cleanup() {
  local code=$?
  trap - EXIT INT TERM
  # SIGTERM first, so that the workers stop cleanly (and say so in the store), then SIGKILL.
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for _ in $(seq 1 50); do
    alive=0
    for pid in "${pids[@]}"; do
      if kill -0 "$pid" 2>/dev/null; then alive=1; fi
    done
    ((alive)) || break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ -n "$schema" ]]; then
    psql -q "$psql_url" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The class path.
if [[ -n "${HYPHA_CLASSPATH:-}" ]]; then
  classpath=$HYPHA_CLASSPATH
else
  # package makes the reactor's modules resolvable (the samples' tests use the runtime's test
  # jar); samples is the last module of the reactor, so its class path is the one left in the file.
  say "building the samples and listing their class path with Maven"
  mvn -B -q -f "$root/pom.xml" -pl samples -am package -DskipTests dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/classpath"
  classpath="$samples/target/classes:$(cat "$work/classpath")"
fi

# A fresh store.
if [[ "$kind" == sqlite ]]; then
  store="$work/census.db"
else
  base=${HYPHA_TEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
  command -v psql >/dev/null || {
    say "psql is needed to make a fresh schema"
    exit 1
  }
  # psql takes the URL without jdbc: and with only the parameters libpq knows.
  psql_url=${base#jdbc:}
  params=""
  if [[ "$psql_url" == *\?* ]]; then
    IFS='&' read -r -a pairs <<<"${psql_url#*\?}"
    psql_url=${psql_url%%\?*}
    for pair in "${pairs[@]}"; do
      case "$pair" in user=* | password=*) params+="${params:+&}$pair" ;; esac
    done
  fi
  psql_url+=${params:+?$params}
  schema="hypha_animals_$$_$RANDOM"
  psql -q -v ON_ERROR_STOP=1 "$psql_url" -c "CREATE SCHEMA $schema" >/dev/null
  store="$base$([[ "$base" == *\?* ]] && echo '&' || echo '?')currentSchema=$schema"
fi
mkdir -p "$work/measurements"
say "seed $seed (HYPHA_SEED=$seed repeats the choices), $kind store $store"

jvm=("$java" -Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$classpath")
declare -A worker_pid

start_worker() { # name queue
  "${jvm[@]}" "-Danimals.dir=$work/measurements" dev.hypha.runtime.Worker \
    --db "$store" --queues "$2" --threads 2 --name "$1" --lease 2s --poll 50ms --grace 1s \
    --flows animal-stats >"$work/$1.log" 2>&1 &
  pids+=($!)
  worker_pid[$1]=$!
  say "started worker $1 for $2 (pid $!)"
}

start_client() {
  "${jvm[@]}" -Danimals.timeout=PT90S dev.hypha.samples.animals.AnimalCensus "$store" 20 \
    >"$work/client.log" 2>&1 &
  client=$!
  pids+=("$client")
  say "started the client (pid $client)"
}

queues=(animals-measure animals-store animals-mean animals-min animals-max animals-print)
order=()
while IFS= read -r line; do order+=("$line"); done < <(
  for i in "${!queues[@]}"; do echo "$RANDOM $i"; done | sort -n | cut -d' ' -f2
)
client_at=$((RANDOM % (${#queues[@]} + 1)))
for position in $(seq 0 "${#queues[@]}"); do
  if ((position == client_at)); then
    start_client
  fi
  if ((position < ${#queues[@]})); then
    queue=${queues[${order[$position]}]}
    start_worker "${queue#animals-}-1" "$queue"
  fi
  sleep "0.$((RANDOM % 4))"
done

# Midway: once the client has started its runs and the victim is up, kill it and replace it.
victim_queue=${queues[$((RANDOM % ${#queues[@]}))]}
victim=${victim_queue#animals-}-1
for _ in $(seq 1 600); do
  if grep -q "census: started" "$work/client.log" 2>/dev/null && grep -q "ready on" "$work/$victim.log"; then
    break
  fi
  kill -0 "$client" 2>/dev/null || break
  sleep 0.1
done
sleep "0.$((RANDOM % 10))"
say "killing worker $victim with SIGKILL"
kill -KILL "${worker_pid[$victim]}"
wait "${worker_pid[$victim]}" 2>/dev/null || true
start_worker "${victim_queue#animals-}-2" "$victim_queue"

code=0
wait "$client" || code=$?
cat "$work/client.log"
files=$(find "$work/measurements" -name '*.csv' ! -name 'partial-*' | wc -l)
say "the store task left $files measurement files"
if ((code == 0 && files != 20)); then
  say "expected 20 measurement files, one per run"
  code=1
fi
if ((code != 0)); then
  for log in "$work"/*-[12].log; do
    echo "--- $(basename "$log" .log):"
    tail -n 30 "$log"
  done
  say "FAILED (client exit code $code)"
else
  say "OK"
fi
exit "$code"
