#!/usr/bin/env bash
# Installs the system packages OpModel builds against, when they are missing:
# SQLite's headers (for GRDB) and libxml2's (for FoundationXML). Safe to run twice.
set -euo pipefail
missing=()
for package in libsqlite3-dev libxml2-dev sqlite3; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi
