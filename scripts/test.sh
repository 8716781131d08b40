#!/usr/bin/env bash
# Install everything the tests need and run them.
#   - Debian packages: chromium (browser test of the HTML report), postgresql (store test by URL);
#     installed only when running as root with apt-get, otherwise those tests skip and say why.
#   - .venv with newsprism and its test extra.
# Extra arguments go to pytest (e.g. `bash scripts/test.sh -m slow`).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

if command -v pg_ctlcluster >/dev/null && [ "$(id -u)" = 0 ]; then
  cluster=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1" "$2}')
  if [ -n "$cluster" ]; then
    pg_ctlcluster $cluster start 2>/dev/null || true
    su postgres -c "psql -qtc \"SELECT 1 FROM pg_roles WHERE rolname='newsprism'\" | grep -q 1 || \
      psql -qc \"CREATE ROLE newsprism LOGIN PASSWORD 'newsprism'\"" && \
    su postgres -c "psql -qtc \"SELECT 1 FROM pg_database WHERE datname='newsprism_test'\" | grep -q 1 || \
      createdb -O newsprism newsprism_test" && \
    export NEWSPRISM_TEST_PG_URL="postgresql://newsprism:newsprism@127.0.0.1/newsprism_test"
  fi
fi

bash scripts/install.sh test
set +e
.venv/bin/python -m pytest "$@"
code=$?
set -e
if [ "$code" = 5 ]; then
  echo "pytest collected no tests" >&2
  exit 1
fi
exit "$code"
