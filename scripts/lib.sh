# Shared by scripts/serve and scripts/test: install pinned dependencies when they change.
# Python packages come from requirements.lock (exact versions with hashes); the GOV.UK Frontend
# assets from package-lock.json. A stamp of each lock file skips the work when nothing changed.

PYTHON="${PYTHON:-python3.11}"

install_dependencies() {
  mkdir -p var
  if [ ! -x .venv/bin/python ]; then
    echo "Creating the virtual environment in .venv with $PYTHON"
    "$PYTHON" -m venv .venv
  fi
  local stamp="var/.installed-python" want
  want="$(sha256sum requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "Installing Python packages from requirements.lock"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
    echo "$want" > "$stamp"
  fi
  stamp="var/.installed-node"
  want="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || [ ! -d node_modules/govuk-frontend ]; then
    echo "Installing GOV.UK Frontend from package-lock.json"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
  fi
}
