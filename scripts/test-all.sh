#!/usr/bin/env bash
# The README's test command (`npm run test:all`): install what the tests need on a fresh
# Debian machine, check generated code and types, build the client, then run every suite
# (database, API, domain, client components and browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
  echo "== installing Chromium and CJK fonts (Debian packages)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi

echo "== npm ci"
npm ci --no-audit --no-fund

echo "== generated code is current"
npm run codegen:check

echo "== typecheck"
npm run typecheck

echo "== build client"
npm run build

echo "== tests"
npm test
