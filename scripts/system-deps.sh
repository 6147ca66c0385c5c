#!/usr/bin/env bash
# Debian packages hallq needs at run and test time. Installs them as root; otherwise prints the command.
set -euo pipefail
need=()
command -v mosquitto >/dev/null 2>&1 || need+=(mosquitto mosquitto-clients)
command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
command -v socat >/dev/null 2>&1 || need+=(socat)
ldconfig -p 2>/dev/null | grep -q libzbar.so.0 || need+=(libzbar0)
{ ldconfig -p 2>/dev/null | grep -q libGL.so.1 && ls /usr/lib/*/dri/swrast_dri.so >/dev/null 2>&1; } || need+=(libgl1 libgl1-mesa-dri)
ldconfig -p 2>/dev/null | grep -q libmtdev.so.1 || need+=(libmtdev1)
command -v sox >/dev/null 2>&1 || need+=(sox)
command -v xdotool >/dev/null 2>&1 || need+=(xdotool)
command -v convert >/dev/null 2>&1 || need+=(imagemagick)
ls /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc >/dev/null 2>&1 || need+=(fonts-noto-cjk)
ls /usr/bin/chromium >/dev/null 2>&1 || need+=(chromium)  # the phone pages' browser tests
ls /usr/bin/chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
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
