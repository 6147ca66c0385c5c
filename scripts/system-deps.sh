#!/usr/bin/env bash
# Debian packages hallq needs at run and test time. Installs them as root; otherwise prints the command.
# Each package is decided by a file that only it provides, never by a command name: another package
# (or a stand-in on the PATH) may answer to `convert` or `chromium` and still not be the real thing.
set -euo pipefail
need=()
want() {  # want PACKAGE FILE...: the package is needed unless every one of its files exists
  local pkg=$1; shift
  for f in "$@"; do
    [ -e "$f" ] || { need+=("$pkg"); return 0; }
  done
}
lib() {  # lib PACKAGE SONAME: a shared library known to the dynamic linker
  ldconfig -p 2>/dev/null | grep -q "$2" || need+=("$1")
}
want mosquitto /usr/sbin/mosquitto
want mosquitto-clients /usr/bin/mosquitto_pub /usr/bin/mosquitto_sub
want xvfb /usr/bin/Xvfb
want espeak-ng /usr/bin/espeak-ng "$(ls -d /usr/lib/*/espeak-ng-data 2>/dev/null | head -n 1)/cmn_dict"
want socat /usr/bin/socat
want sox /usr/bin/sox
want xdotool /usr/bin/xdotool
want imagemagick /usr/bin/convert-im6.q16
want fonts-noto-cjk /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
want chromium /usr/lib/chromium/chromium
want chromium-driver /usr/lib/chromium/chromedriver
lib libzbar0 libzbar.so.0
lib libmtdev1 libmtdev.so.1
lib libgl1 libGL.so.1
want libgl1-mesa-dri "$(ls -d /usr/lib/*/dri 2>/dev/null | head -n 1)/swrast_dri.so"
python3 -c "import venv, ensurepip" >/dev/null 2>&1 || need+=(python3-venv)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "missing Debian packages; run:" >&2
  echo "  sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
