# Installs the web UI's packages (npm ci, from package-lock.json) and builds it into webui/dist when its
# sources are newer than the build. Sourced by ops/run and ops/test.
#   webui_build
webui_build() {
  local ui=$rudi_root/webui
  if ! command -v node >/dev/null || ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a==20&&b>=19)?0:1)'; then
    echo "the web UI needs Node.js 20.19 or newer (found: $(node --version 2>/dev/null || echo none))" >&2
    return 1
  fi
  if [[ ! -d $ui/node_modules || $ui/package-lock.json -nt $ui/node_modules/.package-lock.json ]]; then
    echo "installing the web UI's packages (npm ci)..." >&2
    (cd "$ui" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  if [[ ! -f $ui/dist/index.html ]] ||
    [[ -n $(find "$ui/src" "$ui/index.html" "$ui/vite.config.ts" "$rudi_root/backend/http/openapi.json" -newer "$ui/dist/index.html" -print -quit) ]]; then
    echo "building the web UI..." >&2
    (cd "$ui" && npm run --silent build >/dev/null)
  fi
}
