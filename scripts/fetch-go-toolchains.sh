#!/usr/bin/env bash
# Fetches the Go toolchains the tests run that Debian does not package (by default 1.24, 1.25 and 1.27),
# the way `go` itself fetches a toolchain: the golang.org/toolchain module, downloaded through the
# machine's own module proxy and checksum database, into a module cache of the project's.
#
#   bash scripts/fetch-go-toolchains.sh                    # go1.24.13 go1.25.14 go1.27.4
#   bash scripts/fetch-go-toolchains.sh go1.25.0 go1.27.0  # just these
#
# Each toolchain ends up at .cache/go-toolchains/golang.org/toolchain@v0.0.1-<version>.<goos>-<goarch>/bin/go
# (override the directory with GPD_TOOLCHAIN_CACHE). Idempotent: a toolchain already there is not fetched
# again. Prints one `go version` line per toolchain. A version the proxy does not serve is reported on
# stderr and skipped; the tests then name the versions they covered (and fail under CI=true unless the
# version is listed in .cache/go-toolchains/unserved).
set -euo pipefail
cd "$(dirname "$0")/.."

versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(go1.24.13 go1.25.14 go1.27.4)

bootstrap=$(command -v go || true)
[ -n "$bootstrap" ] || bootstrap=/usr/local/go/bin/go
if [ ! -x "$bootstrap" ]; then
  echo "fetch-go-toolchains: no go on PATH or at /usr/local/go/bin/go to fetch toolchains with" >&2
  exit 1
fi

cache=${GPD_TOOLCHAIN_CACHE:-$PWD/.cache/go-toolchains}
mkdir -p "$cache"
goos=$(GOTOOLCHAIN=local "$bootstrap" env GOHOSTOS)
goarch=$(GOTOOLCHAIN=local "$bootstrap" env GOHOSTARCH)
unserved="$cache/unserved"
: > "$unserved.new"

for v in "${versions[@]}"; do
  bin="$cache/golang.org/toolchain@v0.0.1-$v.$goos-$goarch/bin/go"
  if [ ! -x "$bin" ]; then
    # GOTOOLCHAIN=<version> makes the bootstrap go download golang.org/toolchain@v0.0.1-<version>.<goos>-<goarch>
    # (verified against the checksum database) and run it; `go version` is the cheapest command to run.
    # Everything else (GOPROXY, GOSUMDB, GONOSUMDB, ...) stays the machine's own configuration.
    if ! out=$(cd / && GOMODCACHE="$cache" GOTOOLCHAIN="$v" GOFLAGS=-modcacherw timeout 600 "$bootstrap" version 2>&1); then
      echo "fetch-go-toolchains: $v not fetched: $(printf '%s' "$out" | tail -n 1)" >&2
      if printf '%s' "$out" | grep -q -E '404 Not Found|410 Gone|403 Forbidden|not available|unknown revision'; then
        echo "$v" >> "$unserved.new"
        continue
      fi
      exit 1
    fi
  fi
  "$bin" version
done
mv "$unserved.new" "$unserved"
