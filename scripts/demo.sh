#!/usr/bin/env bash
# Install newsprism and run it on the bundled sample: five outlets' coverage of one event.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
start=$(date +%s)
.venv/bin/newsprism analyze examples/seeds --out newsprism-report
echo "done in $(( $(date +%s) - start )) s; open newsprism-report/dossier.html in a browser"
