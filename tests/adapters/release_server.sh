# Shared by the adapters' install tests (sourced after tests/cli/lib.sh): a
# loopback HTTP server for a release folder, as docs/release-archive.md lays
# it out.
#
# start_release_server DIR PROBE: serves DIR on 127.0.0.1 (port 0: the kernel
# picks a free one, which the server prints), waits until PROBE (a path under
# DIR) can be fetched, and sets `port` and `server_pid`. Requests are logged to
# $TEST_TMP/server.log; the server is stopped on exit.
start_release_server() {
  python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$1" >"$TEST_TMP/server.out" 2>"$TEST_TMP/server.log" &
  server_pid=$!
  trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$TEST_TMP"' EXIT
  port=
  for _ in $(seq 1 100); do
    port=$(sed -n 's/^Serving HTTP on 127\.0\.0\.1 port \([0-9]*\) .*/\1/p' "$TEST_TMP/server.out")
    if [ -n "$port" ] && curl -fsS -o /dev/null "http://127.0.0.1:$port/$2" 2>/dev/null; then return 0; fi
    port=
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$TEST_TMP/server.out" "$TEST_TMP/server.log" >&2
  echo "FAIL: the HTTP server did not start" >&2
  exit 1
}
