#!/usr/bin/env bash
# End-to-end check of `blockrt store`: round trip of the sample bundle, exit
# codes, --json lines. Usage: store_cli_test.sh BLOCKRT_BINARY REPO_ROOT
set -u
BIN=$1
ROOT=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export BLOCKRT_STORE="$TMP/s.db"
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() {  # expect CODE cmd...
  local want=$1; shift
  "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  [ "$got" = "$want" ] || fail "exit $got (wanted $want): $* -- $(cat "$TMP/err")"
}

expect 2 "$BIN" store                          # no command
expect 0 "$BIN" store --help
expect 2 "$BIN" store ls demo                  # store does not exist yet
expect 0 "$BIN" store init
expect 0 "$BIN" store bundle create demo --title "Demo"
expect 1 "$BIN" store bundle create demo       # duplicate slug
expect 0 "$BIN" store import demo "$ROOT/fixtures/store/sample_bundle"
expect 0 "$BIN" store commit demo -m "first" --author ci
grep -q "version 1" "$TMP/out" || fail "commit did not report version 1"
expect 1 "$BIN" store commit demo              # nothing to commit
expect 0 "$BIN" store export demo "$TMP/out1" --version 1
diff -r "$ROOT/fixtures/store/sample_bundle" "$TMP/out1" || fail "export differs from import"
expect 0 "$BIN" store cat demo problem/p1/definition.xml
cmp -s "$TMP/out" "$ROOT/fixtures/store/sample_bundle/problem/p1/definition.xml" || fail "cat bytes"
expect 1 "$BIN" store cat demo no/such/file
expect 1 "$BIN" store --json cat demo no/such/file
grep -q '"code":"not_found"' "$TMP/out" || fail "json error line: $(cat "$TMP/out")"
printf 'new' > "$TMP/new.txt"
expect 0 "$BIN" store draft write demo extra/new.txt "$TMP/new.txt"
expect 1 "$BIN" store draft write demo ../evil "$TMP/new.txt"
grep -q "'..' segment" "$TMP/err" || fail "path rejection reason: $(cat "$TMP/err")"
expect 0 "$BIN" store draft ls demo --prefix extra/
grep -q "^A .*extra/new.txt" "$TMP/out" || fail "draft ls: $(cat "$TMP/out")"
expect 0 "$BIN" store --json bundle show demo
grep -q '"has_changes":true' "$TMP/out" || fail "bundle show: $(cat "$TMP/out")"
expect 0 "$BIN" store --json draft diff demo
grep -q '"change":"added","name":"extra/new.txt"' "$TMP/out" || fail "diff json: $(cat "$TMP/out")"
expect 1 "$BIN" store commit demo --expect-rev 0    # stale revision
expect 0 "$BIN" store commit demo -m second
expect 0 "$BIN" store --json log demo
[ "$(wc -l <"$TMP/out")" = 2 ] || fail "log should list 2 versions"
expect 0 "$BIN" store history demo extra/new.txt
grep -q "^v2 " "$TMP/out" || fail "history: $(cat "$TMP/out")"
expect 0 "$BIN" store bundle create other
expect 0 "$BIN" store link set other demo_link demo 2
expect 1 "$BIN" store link set other demo_link demo 1     # duplicate name
expect 1 "$BIN" store link set demo self demo 2           # self link
expect 0 "$BIN" store commit other
expect 1 "$BIN" store link set demo back other 1          # cycle
expect 1 "$BIN" store bundle delete demo                 # linked from other
expect 0 "$BIN" store bundle create scratch
expect 0 "$BIN" store bundle delete scratch
expect 0 "$BIN" store verify
expect 0 "$BIN" store gc
expect 2 "$BIN" store frobnicate
expect 2 "$BIN" store cat demo                            # missing PATH
echo "store CLI: all checks passed"
