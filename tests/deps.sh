#!/bin/sh
# Install the Debian packages given as arguments that are not installed yet.
# A no-op when all are present; needs root (or sudo) otherwise.
missing=""
for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
        || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "govsim: installing missing packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "govsim: missing packages:$missing; run 'make deps' as root" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || exit 1
# shellcheck disable=SC2086  # word splitting of the package list is wanted
$SUDO apt-get install -y -qq --no-install-recommends $missing || exit 1
