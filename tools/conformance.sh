#!/usr/bin/env bash
# The main job: sets up a Debian 12 machine (installing what is missing), builds gosem and the
# conformance suite, runs every case against gosem and against Boost.Fiber (the third-party
# column), proves every case against Go 1.19 with the oracle, and prints the summary. The
# rules-by-runtimes matrix (Markdown, HTML), JUnit XML and JSON go to build/default/conformance-report.
#   tools/conformance.sh [--jobs N] [--runtime NAME]...
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=2
runtimes=()
while (($#)); do
  case "$1" in
    --jobs) jobs="$2"; shift ;;
    --runtime) runtimes+=(--runtime "$2"); shift ;;
    *) echo "usage: tools/conformance.sh [--jobs N] [--runtime NAME]..." >&2; exit 2 ;;
  esac
  shift
done

bash tools/setup.sh
cmake --preset default >/dev/null
cmake --build --preset default -j "$jobs"

status=0
python3 tools/conformance.py run --build build/default --no-build -j "$jobs" "${runtimes[@]}" || status=1
echo
echo "== the Go oracle"
oracle_status=0
python3 tools/conformance.py oracle --runner build/default/conformance/conformance_gosem \
  --work build/default/conformance/oracle || oracle_status=$?
if ((oracle_status == 77)); then
  echo "(Go is not installed: the oracle was skipped)"
elif ((oracle_status != 0)); then
  status=1
fi
exit "$status"
