#!/usr/bin/env bash
# Binder proven as repo2docker would build it, without docker:
#   1. a fresh clone of the committed repository (what Binder fetches) in a temp dir;
#   2. jupyter-repo2docker --no-build on it: the Dockerfile it generates must install binder/apt.txt's
#      packages and binder/requirements.txt, and run binder/postBuild; the pins must resolve (wheels) for
#      the Python version repo2docker picks;
#   3. a fresh virtualenv from binder/requirements.txt, binder/postBuild run from the clone's root with that
#      venv first on PATH (postBuild calls `python` and `mvn`), as repo2docker does;
#   4. every notebook of the clone executed in that environment (tools/run_notebooks.py with that venv)
#      under the memory budget.
# Usage: tools/binder_check.sh [REPO]   (default: this repository). Needs python3, git, the apt.txt packages.
set -euo pipefail
ROOT="$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")/..}" && pwd)"
R2D_VERSION="2026.4.0"
MAX_RSS_MB="${LAB_MAX_RSS_MB:-1536}"
say() { printf '\033[1m[binder-check]\033[0m %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; echo "binder-check: 0 passed, 1 failed"; exit 1; }
TMP="$(mktemp -d "${TMPDIR:-/tmp}/lab-binder-XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
t0=$SECONDS
PIPQ=(-q --disable-pip-version-check)

say "fresh clone of $ROOT (committed HEAD) in $TMP/repo"
git clone -q "$ROOT" "$TMP/repo"
REPO="$TMP/repo"
cd "$REPO"
for f in binder/requirements.txt binder/apt.txt binder/postBuild; do [ -f "$f" ] || fail "missing $f"; done

say "repo2docker $R2D_VERSION --no-build (Dockerfile only; building needs docker)"
python3 -m venv "$TMP/r2d"
"$TMP/r2d/bin/pip" install "${PIPQ[@]}" "jupyter-repo2docker==$R2D_VERSION"
"$TMP/r2d/bin/jupyter-repo2docker" --no-build --debug "$REPO" > "$TMP/r2d.log" 2>&1 \
  || { tail -20 "$TMP/r2d.log"; fail "jupyter-repo2docker --no-build"; }
apt_line="$(grep -E 'apt-get install --yes --no-install-recommends [a-z]' "$TMP/r2d.log" || true)"
while read -r pkg; do
  [ -z "$pkg" ] || [[ "$pkg" == \#* ]] && continue
  grep -qw -- "$pkg" <<<"$apt_line" || fail "the Dockerfile does not apt-get install $pkg (binder/apt.txt)"
  dpkg -s "$pkg" >/dev/null 2>&1 || fail "apt package $pkg (binder/apt.txt) is not installed here: apt-get install -y $pkg"
done < binder/apt.txt
grep -q 'pip install --no-cache-dir -r "binder/requirements.txt"' "$TMP/r2d.log" \
  || fail "the Dockerfile does not pip install binder/requirements.txt"
grep -q '^RUN ./binder/postBuild' "$TMP/r2d.log" || fail "the Dockerfile does not run binder/postBuild"
pyver="$(grep -oE 'using Python version [0-9.]+' "$TMP/r2d.log" | grep -oE '[0-9]+(\.[0-9]+)*' || true)"
say "Dockerfile ok: apt ($(tr '\n' ' ' < binder/apt.txt)), requirements.txt, postBuild; Binder's Python: ${pyver:-?}"
if [ -n "$pyver" ]; then
  "$TMP/r2d/bin/pip" download "${PIPQ[@]}" --python-version "$pyver" --only-binary=:all: -d "$TMP/wheels" \
    -r binder/requirements.txt || fail "binder/requirements.txt does not resolve for Python $pyver"
  say "binder/requirements.txt resolves (wheels) for Python $pyver"
fi
t_r2d=$((SECONDS - t0))

say "fresh virtualenv from binder/requirements.txt ($(python3 --version))"
python3 -m venv "$TMP/venv"
"$TMP/venv/bin/pip" install "${PIPQ[@]}" -r binder/requirements.txt
say "binder/postBuild (venv first on PATH, as repo2docker runs it)"
chmod +x binder/postBuild
PATH="$TMP/venv/bin:$PATH" ./binder/postBuild
grep -q JJAVA_JVM_OPTS "$TMP/venv/share/jupyter/kernels/java/kernel.json" \
  || fail "postBuild did not set the kernel's memory budget"
ls toolkit/target/lib/*.jar >/dev/null 2>&1 || fail "postBuild did not build toolkit/target/lib"
t_env=$((SECONDS - t0 - t_r2d))

say "every notebook in that environment (budget ${MAX_RSS_MB} MB)"
nbs=(notebooks/*.ipynb)
PATH="$TMP/venv/bin:$PATH" "$TMP/venv/bin/python" tools/run_notebooks.py --out "$TMP/executed" \
  --report "$TMP/executed/report.json" --max-rss-mb "$MAX_RSS_MB" "${nbs[@]}" \
  || fail "notebooks in the Binder environment"
mkdir -p "$ROOT/build"
cp "$TMP/executed/report.json" "$ROOT/build/binder-report.json"
say "times: repo2docker check ${t_r2d} s, venv + postBuild ${t_env} s, notebooks $((SECONDS - t0 - t_r2d - t_env)) s, total $((SECONDS - t0)) s"
echo "binder-check: 1 passed, 0 failed"
