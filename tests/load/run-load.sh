#!/usr/bin/env bash
# Load test (not part of the test command: it takes about two minutes). Publishes the app in Release, starts it as a
# process on SQLite on a free loopback port, seeds 500 runs through the API, then drives with wrk (2 threads,
# 32 connections, 30 s each):
#   - the run page /runs/{id} with a signed-in session cookie,
#   - the API GET /api/v1/runs/{id} with a bearer token,
#   - /healthz/live, for comparison,
# and fails when any response is not 2xx or any socket error occurs. Last, a graceful-shutdown check: SIGTERM the
# app during a wrk run against the API and confirm that requests in flight complete (see the note there).
#
#   bash tests/load/run-load.sh [--runs N] [--duration 30s] [--connections 32]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

runs=500 duration=30s connections=32 threads=2
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    *) echo "unknown option $1 (use --runs N, --duration 30s, --connections N)" >&2; exit 2 ;;
  esac
done

for tool in wrk curl jq; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "Installing $tool ..."
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "$tool" >/dev/null
  fi
done

work=$(mktemp -d /tmp/checklist-load.XXXXXX)
app_pid=""
cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port found" >&2; exit 1
}

echo "Publishing the app (Release) ..."
dotnet publish src/Checklist.Web/Checklist.Web.csproj -c Release -o "$work/app" -p:UseAppHost=false -nologo -v quiet >/dev/null

port=$(free_port)
base="http://127.0.0.1:$port"
admin_email=load-admin@example.com
admin_password=load-admin-password-123
admin_token=clk_load-test-admin-token-0123456789

start_app() { # extra NAME=value settings...
  # As the container runs it: from the publish folder, which holds checklists/ and templates/.
  (cd "$work/app" && exec env \
    ASPNETCORE_URLS="$base" \
    ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__Checklist="Data Source=$work/checklist.db" \
    Checklist__Database__Provider=Sqlite \
    CHECKLIST_ADMIN_EMAIL="$admin_email" \
    CHECKLIST_ADMIN_PASSWORD="$admin_password" \
    CHECKLIST_ADMIN_TOKEN="$admin_token" \
    Logging__LogLevel__Default=Warning \
    "$@" \
    dotnet Checklist.Web.dll >>"$work/app.log" 2>&1) &
  app_pid=$!
  for _ in $(seq 1 150); do
    if curl -fsS "$base/healthz/ready" >/dev/null 2>&1; then return; fi
    if ! kill -0 "$app_pid" 2>/dev/null; then echo "The app exited:" >&2; cat "$work/app.log" >&2; exit 1; fi
    sleep 0.2
  done
  echo "The app did not become ready:" >&2; cat "$work/app.log" >&2; exit 1
}

start_app
echo "App on $base (pid $app_pid), database $work/checklist.db"

echo "Seeding $runs runs through the API ..."
seed_one() {
  curl -fsS -X POST "$base/api/v1/runs" \
    -H "Authorization: Bearer $admin_token" -H "Content-Type: application/json" \
    -d "{\"templateId\":\"kubernetes-production-readiness\",\"service\":\"svc-$1\",\"version\":\"1.$1.0\",\"environment\":\"staging\",\"namespace\":\"svc-$1\"}" \
    | jq -r .id
}
export -f seed_one
export base admin_token
seed_started=$(date +%s.%N)
seq 1 "$runs" | xargs -P 4 -I{} bash -c 'seed_one {}' >"$work/run-ids.txt"
seeded=$(grep -c . "$work/run-ids.txt")
[ "$seeded" -eq "$runs" ] || { echo "seeded $seeded of $runs runs" >&2; exit 1; }
printf 'Seeded %d runs in %.1f s\n' "$seeded" "$(awk -v a="$seed_started" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')"

# A browser session: the sign-in form's antiforgery token, then the post; the auth cookie is what wrk sends.
curl -fsS -c "$work/cookies" "$base/account/login" -o "$work/login.html"
form_token=$(grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' "$work/login.html" | sed 's/.*value="\([^"]*\)"/\1/' | head -n 1)
curl -fsS -b "$work/cookies" -c "$work/cookies" -o /dev/null "$base/account/login" \
  --data-urlencode "Email=$admin_email" --data-urlencode "Password=$admin_password" --data-urlencode "__RequestVerificationToken=$form_token"
auth_cookie=$(awk '$6 == "checklist.auth" { print $7 }' "$work/cookies")
[ -n "$auth_cookie" ] || { echo "sign-in did not return the auth cookie" >&2; exit 1; }
one_run=$(head -n 1 "$work/run-ids.txt")
page_status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: checklist.auth=$auth_cookie" "$base/runs/$one_run")
api_status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $admin_token" "$base/api/v1/runs/$one_run")
[ "$page_status" = 200 ] && [ "$api_status" = 200 ] || { echo "warm-up: run page $page_status, API $api_status" >&2; exit 1; }

lua="$root/tests/load/load.lua"
declare -A results
drive() { # name, url, header ("" for none), then the script's arguments: [ids-file path-prefix]
  local name=$1 url=$2 header=$3; shift 3
  local headers=(); [ -n "$header" ] && headers=(-H "$header")
  echo "wrk: $name ($threads threads, $connections connections, $duration) ..."
  # A 10 s timeout: on a busy machine a slow answer is reported in the percentiles, not miscounted as a socket error.
  results[$name]=$(wrk -t"$threads" -c"$connections" -d"$duration" --timeout 10s -s "$lua" "${headers[@]}" "$url" -- "$@" | grep '^RESULT')
}
drive "run page" "$base/" "Cookie: checklist.auth=$auth_cookie" "$work/run-ids.txt" /runs/
drive "API run" "$base/" "Authorization: Bearer $admin_token" "$work/run-ids.txt" /api/v1/runs/
drive "/healthz/live" "$base/healthz/live" ""

field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }
failed=0
echo
echo "Machine: $(nproc) CPU(s), $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg); .NET $(dotnet --version); SQLite; $runs runs"
printf '%-14s %10s %9s %9s %9s %9s %9s %8s %s\n' target requests req/s p50\ ms p90\ ms p99\ ms max\ ms non-2xx "socket errors (connect/read/write/timeout)"
for name in "run page" "API run" "/healthz/live"; do
  r=${results[$name]}
  errors=$(( $(field "$r" connect) + $(field "$r" read) + $(field "$r" write) + $(field "$r" timeout) ))
  printf '%-14s %10s %9s %9s %9s %9s %9s %8s %s\n' "$name" "$(field "$r" requests)" "$(field "$r" rps)" \
    "$(field "$r" p50)" "$(field "$r" p90)" "$(field "$r" p99)" "$(field "$r" max)" "$(field "$r" non2xx)" \
    "$errors ($(field "$r" connect)/$(field "$r" read)/$(field "$r" write)/$(field "$r" timeout))"
  if [ "$(field "$r" non2xx)" != 0 ] || [ "$errors" != 0 ]; then failed=1; fi
done

# Graceful shutdown: SIGTERM while wrk keeps every connection busy with API requests. The app runs again with
# ASP.NET Core's request log on, so that every request it began is known: each must finish with 2xx, and the app
# must exit 0 well within its shutdown timeout. Requests that never reached the app are counted apart: wrk shows
# them as read errors, at most one per connection (a request written onto a keep-alive connection as the server
# closes it, or a connection still in the kernel's accept queue when the listener closes). In Kubernetes the
# preStop sleep takes the pod out of the Service first, so no new request arrives during shutdown. Once the app is
# gone, wrk's reconnects fail on connect or write; those are reported, not judged.
kill -TERM "$app_pid"; wait "$app_pid" || true; app_pid=""
: >"$work/app.log"
start_app Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics=Information
echo
echo "Graceful shutdown: SIGTERM 5 s into a 15 s API run ..."
wrk -t"$threads" -c"$connections" -d15s --timeout 10s -s "$lua" -H "Authorization: Bearer $admin_token" "$base/" -- "$work/run-ids.txt" /api/v1/runs/ \
  | grep '^RESULT' >"$work/shutdown.txt" &
wrk_pid=$!
sleep 5
term_at=$(date +%s.%N)
kill -TERM "$app_pid"
wait "$app_pid" && exit_code=0 || exit_code=$?
stopped_in=$(awk -v a="$term_at" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
app_pid=""
wait "$wrk_pid" || true
r=$(cat "$work/shutdown.txt")
started=$(grep -c '"Message":"Request starting HTTP/1.1 GET http://[^ ]*/api/v1/runs/' "$work/app.log" || true)
finished=$(grep -c '"Message":"Request finished HTTP/1.1 GET http://[^ ]*/api/v1/runs/' "$work/app.log" || true)
finished_2xx=$(grep '"Message":"Request finished HTTP/1.1 GET http://[^ ]*/api/v1/runs/' "$work/app.log" | grep -c ' - 2[0-9][0-9] ' || true)
printf 'app exit code %s, %s s after SIGTERM; the app began %s API requests and finished %s (%s with 2xx); wrk got %s responses (non-2xx %s, timeouts %s); requests that never reached the app (read errors) %s of %s connections; after the app stopped: %s connect and %s write errors\n' \
  "$exit_code" "$stopped_in" "$started" "$finished" "$finished_2xx" "$(field "$r" requests)" "$(field "$r" non2xx)" "$(field "$r" timeout)" \
  "$(field "$r" read)" "$connections" "$(field "$r" connect)" "$(field "$r" write)"
if [ "$exit_code" != 0 ] || [ "$started" -eq 0 ] || [ "$started" != "$finished" ] || [ "$finished" != "$finished_2xx" ] \
   || [ "$(field "$r" non2xx)" != 0 ] || [ "$(field "$r" timeout)" != 0 ] || [ "$(field "$r" read)" -gt "$connections" ]; then
  failed=1
fi

if [ "$failed" != 0 ]; then echo "LOAD TEST FAILED"; exit 1; fi
echo "Load test passed."
