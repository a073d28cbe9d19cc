#!/bin/sh
# Makes the image's ahead-of-time cache at build time (class data sharing as Java 25 does it: the classes the app
# loads, already parsed, verified and linked, with the profiles of a start that compiled with C1 only, see below),
# so that the installed app starts from it, its first start included: one start of the image with
# -XX:AOTCacheOutput, then the option that uses the cache (-XX:AOTCache=$APPDIR/<name>.aot) added to the
# launcher's configuration (lib/app/reprise.cfg), which has none until the cache exists. The start is the window,
# opened on a workspace the demo filled, under xvfb-run when there is no display; where neither a display nor
# xvfb-run exists, a command (runs list) makes the cache instead, which covers the store and engine but not JavaFX.
#
# The cache fits only the class-path jars of the size and modification time it recorded and the same JVM options
# (the launcher's); one that does not fit is not used (and says nothing, -Xlog:aot=off). jpackage copies the image
# into the installer with new times, so every file of the image is first dated EPOCH (seconds), and the dist
# profile gives the installer step SOURCE_DATE_EPOCH=EPOCH, to which dpkg-deb clamps the times in the .deb: the
# installed jars carry the times the cache expects.
# Usage: train-cds.sh LAUNCHER CACHE WORK_DIR IMAGE_DIR EPOCH
set -eu
launcher=$1 cache=$2 work=$3 image=$4 epoch=$5
# The training start compiles with C1 only. The methods' profiles it records then say "compiled at level 1", and the
# installed app, whose JIT is the full tiered one, compiles those 2,000-odd methods with C1 as it starts instead of
# interpreting them first, and with C2 only what turns hot later. Trained with C2 as well, the cache's profiles had
# the JIT compile 130 to 150 methods with C2 before the first frame, on the cores the window starts on; on 2 cores
# the first frame came 0.3 s later (median 1.05-1.12 s against 0.74-0.79 s, first-frame-benchmark.sh 9), and a
# server's CPU per run after a minute of load is the same either way.
export TRAINING_OPTIONS="-XX:TieredStopAtLevel=1"

if [ "${TRAIN_WINDOW:-}" = inner ]; then
  # one window start: wait for the first frame and the warm-up that opens the newest run, then stop it (the JVM
  # writes the cache as it exits)
  : > "$work/window.log"
  JAVA_TOOL_OPTIONS="-XX:AOTCacheOutput=$cache $TRAINING_OPTIONS" REPRISE_LOG_LEVEL=info \
    "$launcher" --workspace "$work/ws" >"$work/window.log" 2>&1 &
  app=$!
  i=0
  while [ $i -lt 1200 ] && ! grep -q "first frame" "$work/window.log" && kill -0 $app 2>/dev/null; do
    sleep 0.1; i=$((i + 1))
  done
  sleep 4
  kill -TERM $app 2>/dev/null || true
  wait $app || true
  grep -q "first frame" "$work/window.log" || { echo "train-cds: the window showed no frame:" >&2; cat "$work/window.log" >&2; exit 1; }
  exit 0
fi

date_files() {
  if touch -d "@$epoch" "$work" 2>/dev/null; then
    find "$@" -exec touch -h -d "@$epoch" {} +
  else # BSD touch (macOS)
    find "$@" -exec touch -h -t "$(date -r "$epoch" +%Y%m%d%H%M.%S)" {} +
  fi
}

rm -rf "$work"
mkdir -p "$work"
date_files "$image"
config="$(dirname "$cache")/$(basename "$launcher").cfg"
grep -q '^java-options=' "$config" || { echo "train-cds: no java-options in $config" >&2; exit 1; }
grep -q 'AOTCache' "$config" && { echo "train-cds: $config already names a cache" >&2; exit 1; }
export REPRISE_SETTINGS="$work/settings.json" REPRISE_CONNECTIONS="$work/connections.json"
rm -f "$cache"

"$launcher" demo --workspace "$work/ws" >/dev/null
if [ "$(uname)" = Darwin ] || [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  TRAIN_WINDOW=inner "$0" "$@"
elif command -v xvfb-run >/dev/null 2>&1; then
  TRAIN_WINDOW=inner xvfb-run -a -s "-screen 0 1600x1000x24" "$0" "$@"
else
  echo "train-cds: no display and no xvfb-run: the cache covers a command, not the window" >&2
  JAVA_TOOL_OPTIONS="-XX:AOTCacheOutput=$cache $TRAINING_OPTIONS" "$launcher" runs list --workspace "$work/ws" \
    >/dev/null
fi
# (the JVM that ran has a second one write the cache as it exits, and waits for it)
[ -s "$cache" ] || { echo "train-cds: no cache written at $cache" >&2; exit 1; }

# the launcher uses the cache from now on: its options go after the last of the image's own
awk -v name="$(basename "$cache")" '
  { lines[NR] = $0; if ($0 ~ /^java-options=/) last = NR }
  END {
    for (n = 1; n <= NR; n++) {
      print lines[n]
      if (n == last) {
        print "java-options=-XX:AOTCache=$APPDIR/" name
        print "java-options=-Xlog:aot=off"
      }
    }
  }' "$config" > "$work/launcher.cfg"
cat "$work/launcher.cfg" > "$config"
date_files "$config" "$cache"
"$launcher" --version >/dev/null
JAVA_TOOL_OPTIONS=-XX:AOTMode=on "$launcher" --version >/dev/null 2>&1 \
  || { echo "train-cds: the launcher cannot use the cache $cache" >&2; exit 1; }
echo "train-cds: $(du -h "$cache" | cut -f 1) ahead-of-time cache $cache"
