#!/usr/bin/env bash
# Refresh the vendored glightbox (the article photos' lightbox) from the npm registry.
# The files are committed: builds and CI never download anything. To upgrade,
# change VERSION, run this script, look at an article's lightbox, commit.
set -euo pipefail
VERSION=3.3.1
cd "$(dirname "$0")/.."
target=plugins/bantin/templates/assets/vendor/glightbox
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "glightbox@$VERSION" >/dev/null && tar xzf "glightbox-$VERSION.tgz")
mkdir -p "$target"
cp "$work/package/dist/js/glightbox.min.js" "$work/package/dist/css/glightbox.min.css" "$target/"
cp "$work/package/LICENSE.md" "$target/LICENSE.md"
printf 'glightbox %s (npm), MIT licence: see LICENSE.md. Refreshed by tools/vendor-glightbox.sh.\n' "$VERSION" >"$target/VERSION.txt"
echo "glightbox $VERSION copied into $target"
