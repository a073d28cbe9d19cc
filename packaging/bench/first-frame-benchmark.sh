#!/bin/sh
# Launch to first frame of the packaged app: starts target/reprise/bin/reprise --workspace <tmp> under
# Xvfb N times (default 5), reads the "first frame N ms after launch" line the window logs at INFO, closes
# the app, and prints each figure, the minimum and the median. The workspace is filled once beforehand
# with `reprise demo`, so each launch is a later start on the examples' runs, not a first start. The
# launcher's class archive lives in the temporary folder too: launch 1 runs without one and writes it,
# launches 2..N use it (REPRISE_CDS=off measures without). Minimum and median are over launches 2..N.
# Needs `mvn -B package` (or verify) and xvfb-run (apt-get install -y xvfb libgtk-3-0).
# REPRISE_APP names another launcher, e.g. the installed app's /opt/reprise/bin/reprise (-Pdist): it brings
# its own ahead-of-time cache, made at build time, so launch 1 uses it as well.
# Usage: packaging/bench/first-frame-benchmark.sh [N]
set -eu
N=${1:-5}
ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
APP="${REPRISE_APP:-$ROOT/target/reprise/bin/reprise}"
if [ ! -x "$APP" ]; then
  echo "first-frame: no $APP; build it with mvn -B package -DskipTests" >&2
  exit 2
fi
command -v xvfb-run >/dev/null || { echo "first-frame: needs xvfb-run (apt-get install -y xvfb)" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT INT TERM
export REPRISE_CACHE="$WORK/cache"
"$APP" --workspace "$WORK/ws" demo >/dev/null

# one launch: the app in the background under this Xvfb; wait for the line (60 s at most), then stop it
cat > "$WORK/once.sh" <<'ONE'
#!/bin/sh
REPRISE_LOG_LEVEL=info "$1" --workspace "$2" >/dev/null 2>"$3" &
app=$!
i=0
while [ $i -lt 600 ] && ! grep -q "first frame" "$3" 2>/dev/null && kill -0 $app 2>/dev/null; do
  sleep 0.1; i=$((i + 1))
done
kill $app 2>/dev/null
wait $app 2>/dev/null
exit 0
ONE
chmod +x "$WORK/once.sh"

results=""
run=1
while [ $run -le "$N" ]; do
  log="$WORK/launch-$run.log"
  REPRISE_SETTINGS="$WORK/settings.json" REPRISE_CONNECTIONS="$WORK/connections.json" \
    xvfb-run -a -s "-screen 0 1600x1000x24" "$WORK/once.sh" "$APP" "$WORK/ws" "$log"
  ms=$(sed -n 's/.*first frame \([0-9][0-9]*\) ms after launch.*/\1/p' "$log" | head -n 1)
  if [ -z "$ms" ]; then
    echo "first-frame: launch $run logged no first frame:" >&2
    cat "$log" >&2
    exit 1
  fi
  if [ "$run" -eq 1 ] && [ "$N" -gt 1 ]; then
    if [ "${REPRISE_CDS:-on}" = off ] || [ -n "${REPRISE_APP:-}" ]; then
      echo "first-frame: launch 1: $ms ms (left out of the figures below, as with the class archive)"
    else
      echo "first-frame: launch 1: $ms ms (writes the class archive; left out of the figures below)"
    fi
  else
    echo "first-frame: launch $run: $ms ms"
    results="$results $ms"
  fi
  run=$((run + 1))
done
echo "$results" | tr ' ' '\n' | grep . | sort -n | awk -v n="$N" '
  { v[NR] = $1 }
  END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
        printf "first-frame: launch to first frame over %d launches: min %d ms, median %d ms, max %d ms\n", NR, v[1], m, v[NR] }'
