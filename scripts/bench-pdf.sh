#!/usr/bin/env bash
# Make PDFs of generated reviews with the producers councils really use,
# then compare sirlearn's text with pdftotext on each (sirlearn bench pdf).
# Needs: libreoffice-writer-nogui, chromium, pandoc, groff, ghostscript, qpdf,
# poppler-utils (scripts/install-bench-deps.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-bench-out/pdf}"
rm -rf "$out"; mkdir -p "$out"/{src,libreoffice,chromium,ghostscript,groff,qpdf,big}
go build -o "$out/sirlearn" ./cmd/sirlearn
"$out/sirlearn" corpus generate --out "$out/src" --reviews 12 --seed 11 --formats docx,md >/dev/null 2>&1

# LibreOffice: Word -> PDF, as most authorities export.
for f in "$out"/src/*.docx; do
  timeout 120 soffice --headless --convert-to pdf --outdir "$out/libreoffice" "$f" >/dev/null 2>&1 || echo "soffice failed on $f" >&2
done
for f in "$out"/src/*.md; do
  b=$(basename "$f" .md)
  pandoc -s --metadata title="$b" "$f" -o "$out/src/$b.html"
  # Chromium's print to PDF, with its page header (date, title) and footer (URL, page x/y).
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d)" --print-to-pdf="$out/chromium/$b.pdf" "file://$PWD/$out/src/$b.html" >/dev/null 2>&1 || echo "chromium failed on $f" >&2
  # groff: -ms through PostScript and Ghostscript's ps2pdf, and groff's own PDF device.
  pandoc -s -t ms "$f" -o "$out/src/$b.ms"
  groff -ms -Tps -k "$out/src/$b.ms" > "$out/src/$b.ps" 2>/dev/null
  ps2pdf "$out/src/$b.ps" "$out/ghostscript/$b.pdf"
  groff -ms -Tpdf -k "$out/src/$b.ms" > "$out/groff/$b.pdf" 2>/dev/null
done
# qpdf: the LibreOffice files rewritten with object streams.
for f in "$out"/libreoffice/*.pdf; do
  qpdf --object-streams=generate "$f" "$out/qpdf/$(basename "$f")"
done
# One long document: 170 reviews in one file, 200+ pages.
"$out/sirlearn" corpus generate --out "$out/src/long" --reviews 170 --seed 12 --formats md >/dev/null 2>&1
cat "$out"/src/long/*.md > "$out/src/long.md"
pandoc -s -t ms "$out/src/long.md" -o "$out/src/long.ms"
groff -ms -Tps -k "$out/src/long.ms" > "$out/src/long.ps" 2>/dev/null
ps2pdf "$out/src/long.ps" "$out/big/long.pdf"
echo "pages in long.pdf: $(pdfinfo "$out/big/long.pdf" | awk '/^Pages/ {print $2}')"
"$out/sirlearn" bench pdf "$out" "${@:2}"
