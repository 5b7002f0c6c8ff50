#!/bin/sh
# System packages the test suite needs beyond PyPI: pdflatex with booktabs, for the LaTeX compile
# tests of the paper tables (tests/test_tables.py). Debian: texlive-latex-base (pdflatex) and
# texlive-latex-recommended (booktabs), about 15 MB to download. Does nothing when pdflatex is
# already there; installs with apt-get as root (or through sudo) otherwise.
set -eu
command -v pdflatex >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "tools/system-deps.sh: pdflatex is missing and this user cannot install packages;" \
         "install texlive-latex-base and texlive-latex-recommended" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "tools/system-deps.sh: pdflatex is missing; install a TeX distribution with pdflatex and booktabs" >&2
    exit 1
fi
$SUDO apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
    texlive-latex-base texlive-latex-recommended >/dev/null
