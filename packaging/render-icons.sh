#!/bin/sh
# Renders assets/icon/reprise.svg to the committed icon files: PNGs of 16..512 pixels (the window, the Linux
# desktop entry and package), reprise.ico (Windows) and reprise.icns (macOS). Run it after changing the SVG;
# the build does not, since it needs Debian's librsvg2-bin, imagemagick and icnsutils.
set -eu
cd "$(dirname "$0")/../assets/icon"
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w $size -h $size reprise.svg -o reprise-$size.png
done
/usr/bin/convert reprise-16.png reprise-24.png reprise-32.png reprise-48.png reprise-64.png reprise-256.png reprise.ico
png2icns reprise.icns reprise-16.png reprise-32.png reprise-48.png reprise-128.png reprise-256.png reprise-512.png >/dev/null
