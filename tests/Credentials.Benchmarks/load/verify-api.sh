#!/usr/bin/env bash
# The verify API under load: `credentials serve` (Release build) on 127.0.0.1 with the sample registry, rate limits
# lifted for the load client's address as an operator would for a trusted integration, and:
#   1. a fixed-rate run (our paced client, PacedLoadClient.cs) for five minutes at RATE requests/s, latencies taken
#      from each request's due time, the host's working set (VmRSS) sampled at minute 1 and minute 5;
#   2. a maximum-throughput run with wrk (keep-alive, CONNECTIONS connections, 2 threads) for MAX_SECONDS;
#   3. the in-process rate on every core (a parallel loop over QrTokenVerifier.VerifyOffline, same QR text).
# The host is stopped with SIGTERM. Run from the repository root:
#   tests/Credentials.Benchmarks/load/verify-api.sh
# Settings (environment): PORT (5080), RATE (1000), FIXED_SECONDS (300; 0 skips the fixed-rate run), MAX_SECONDS
# (30), CONNECTIONS (32), WARMUP_SECONDS (10: a wrk run before the measured one when the fixed-rate run is skipped),
# SKIP_BUILD=1 to use the builds there are.
# Needs: the .NET SDK, wrk (Debian package wrk), curl.
set -euo pipefail

PORT="${PORT:-5080}"
RATE="${RATE:-1000}"
FIXED_SECONDS="${FIXED_SECONDS:-300}"
MAX_SECONDS="${MAX_SECONDS:-30}"
WARMUP_SECONDS="${WARMUP_SECONDS:-10}"
CONNECTIONS="${CONNECTIONS:-32}"
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
WORK="$(mktemp -d)"
URL="http://127.0.0.1:${PORT}/api/v1/verify"
HOST_PID=""

cleanup() {
  if [[ -n "$HOST_PID" ]] && kill -0 "$HOST_PID" 2>/dev/null; then
    kill -TERM "$HOST_PID"
    wait "$HOST_PID" || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in dotnet wrk curl; do
  command -v "$tool" >/dev/null || { echo "verify-api.sh: $tool is not installed" >&2; exit 2; }
done

cd "$ROOT"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  dotnet build src/Credentials.Cli -c Release -v quiet -nologo >/dev/null
  dotnet build tests/Credentials.Benchmarks -c Release -v quiet -nologo >/dev/null
fi
CLI="dotnet src/Credentials.Cli/bin/Release/net10.0/credentials.dll"
BENCH="dotnet tests/Credentials.Benchmarks/bin/Release/net10.0/Credentials.Benchmarks.dll"
export CREDENTIALS_DATA="$WORK/data"

# A fresh ePRC from the sample request, signed with the sample key: the document the load verifies.
$CLI issue prc --request samples/requests/prc.json --key samples/keys/es256.key.pem --cert samples/keys/es256.cert.pem \
  --out-qr-text "$WORK/qr.txt" >/dev/null

# The operator's settings: the sample registry; the load client's address (loopback) exempt from the rate limits;
# revocation not fetched (the sample's rid is not a real server; the in-process reference does no I/O either).
$CLI serve --urls "http://127.0.0.1:${PORT}" \
  --set Credentials:Trust:Registry=samples/registry.json \
  --set Credentials:RateLimits:Exempt:0=127.0.0.1/32 \
  --set Credentials:Revocation:Offline=true \
  >"$WORK/host.log" 2>&1 &
HOST_PID=$!

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:${PORT}/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:${PORT}/health/ready" >/dev/null || { echo "the host did not become ready:" >&2; cat "$WORK/host.log" >&2; exit 1; }
# The host's own process (dotnet runs the CLI in-process, so this is the dotnet process started above).
status=$(curl -s -o "$WORK/first.json" -w '%{http_code}' -H 'Content-Type: text/plain' --data-binary "@$WORK/qr.txt" "$URL")
grep -q '"Approved"' "$WORK/first.json" || { echo "the sample does not verify as approved through the API (HTTP $status):" >&2; head -c 600 "$WORK/first.json" >&2; exit 1; }

rss() { awk '/^VmRSS/ { print $2 " kB" }' "/proc/$HOST_PID/status"; }
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); host pid $HOST_PID, working set $(rss)"

# The host's CPU time so far in seconds (utime + stime, /proc/PID/stat fields 14 and 15, in clock ticks).
cpu() { awk -v tck="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / tck }' "/proc/$HOST_PID/stat"; }

if (( FIXED_SECONDS > 0 )); then
  echo "== fixed rate: ${RATE}/s for ${FIXED_SECONDS} s"
  $BENCH --paced-load "$URL" "$WORK/qr.txt" "$RATE" "$FIXED_SECONDS" 64 &
  CLIENT_PID=$!
  sleep 60
  echo "working set at minute 1: $(rss) (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  sleep $((FIXED_SECONDS - 60 - 2))
  echo "working set at minute $((FIXED_SECONDS / 60)): $(rss) (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  wait "$CLIENT_PID" || echo "(the paced run had errors)"
fi

if (( FIXED_SECONDS == 0 && WARMUP_SECONDS > 0 )); then
  # The in-process reference warms up too: without the fixed-rate run, the host's code would otherwise still be
  # going through the JIT's tiers while it is measured.
  echo "== warm-up: wrk, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s (not counted)"
  BODY_FILE="$WORK/qr.txt" wrk -t2 -c"$CONNECTIONS" -d"${WARMUP_SECONDS}s" -s tests/Credentials.Benchmarks/load/post-body.lua "$URL" >/dev/null
fi

echo "== maximum throughput: wrk, ${CONNECTIONS} connections, ${MAX_SECONDS} s"
before=$(cpu)
BODY_FILE="$WORK/qr.txt" /usr/bin/time -f "wrk's own CPU: %U s user, %S s system" \
  wrk -t2 -c"$CONNECTIONS" -d"${MAX_SECONDS}s" --latency -s tests/Credentials.Benchmarks/load/post-body.lua "$URL" | tee "$WORK/wrk.txt"
after=$(cpu)
requests=$(awk '/requests in/ { print $1 }' "$WORK/wrk.txt")
echo "host CPU during the run: $(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.2f", a - b }') s, $(awk -v a="$after" -v b="$before" -v n="$requests" 'BEGIN { printf "%.0f", n / (a - b) }') requests per host CPU second"
echo "working set after: $(rss)"

kill -TERM "$HOST_PID"
wait "$HOST_PID" || true
HOST_PID=""
echo "host stopped (SIGTERM); log lines naming a failure or an error: $(grep -ci 'fail\|error' "$WORK/host.log" || true)"
grep -i 'fail\|error' "$WORK/host.log" | sort | uniq -c | sort -rn | head -5 || true

echo "== in process, every core"
$BENCH --in-process-verify "$WORK/qr.txt" samples/registry.json 20
