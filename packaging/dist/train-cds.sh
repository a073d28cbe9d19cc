#!/bin/sh
# Makes the image's class-data-sharing archives at build time, so that the installed app's first start is as
# quick as its later ones: the runtime's base archive of JDK classes (java -Xshare:dump, lib/server/classes.jsa),
# then the app's archive, written at the exit of one start of the image (-XX:+AutoCreateSharedArchive with
# -XX:SharedArchiveFile=$APPDIR/reprise.jsa, both in the image's options). The start is the window, opened on
# a workspace the demo filled, under xvfb-run when there is no display; where neither a display nor xvfb-run
# exists, a command (runs list) makes the archive instead, which covers the store and engine but not JavaFX.
#
# The archive is valid only for class-path jars of the size and modification time it recorded. jpackage copies
# the image into the installer with new times, so every file of the image is first dated EPOCH (seconds), and
# the dist profile gives the installer step SOURCE_DATE_EPOCH=EPOCH, to which dpkg-deb clamps the times in the
# .deb: the installed jars carry the times the archive expects.
# Usage: train-cds.sh LAUNCHER RUNTIME_JAVA ARCHIVE WORK_DIR IMAGE_DIR EPOCH
set -eu
launcher=$1 java=$2 archive=$3 work=$4 image=$5 epoch=$6

if [ "${TRAIN_WINDOW:-}" = inner ]; then
  # one window start: wait for the first frame and the warm-up that opens the newest run, then stop it
  REPRISE_LOG_LEVEL=info "$launcher" --workspace "$work/ws" >"$work/window.log" 2>&1 &
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

rm -rf "$work"
mkdir -p "$work"
if touch -d "@$epoch" "$work" 2>/dev/null; then
  find "$image" -exec touch -h -d "@$epoch" {} +
else # BSD touch (macOS)
  find "$image" -exec touch -h -t "$(date -r "$epoch" +%Y%m%d%H%M.%S)" {} +
fi
export REPRISE_SETTINGS="$work/settings.json" REPRISE_CONNECTIONS="$work/connections.json"

"$java" -Xshare:dump -Xlog:cds=off -Xlog:cds+dynamic=off >/dev/null
"$launcher" demo --workspace "$work/ws" >/dev/null
rm -f "$archive"   # the demo wrote one at its exit; the window's start is the one worth keeping

if [ "$(uname)" = Darwin ] || [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  TRAIN_WINDOW=inner "$0" "$@"
elif command -v xvfb-run >/dev/null 2>&1; then
  TRAIN_WINDOW=inner xvfb-run -a -s "-screen 0 1600x1000x24" "$0" "$@"
else
  echo "train-cds: no display and no xvfb-run: the class archive covers a command, not the window" >&2
  "$launcher" runs list --workspace "$work/ws" >/dev/null
fi
[ -s "$archive" ] || { echo "train-cds: no archive written at $archive" >&2; exit 1; }
echo "train-cds: $(du -h "$archive" | cut -f 1) class archive $archive"
