# shellcheck shell=bash
# What the scripts share. Each script sources it first (`. "$(dirname "$0")/lib.sh"`); it then runs
# in the project root with the environment the server and tools expect:
#   DJL_OFFLINE=true, OPT_OUT_TRACKING=true  DJL neither downloads engines nor reports usage
#   MINEWATCH_SHARED                          footage and model mirror, default <project>/../shared
# and may call:
#   minewatch_classpath MODULE   prints "MODULE/target/classes:<its runtime classpath>" for java -cp,
#                                building MODULE and the modules it needs first (mvn package, tests
#                                skipped) when MODULE/target/classpath.txt is missing, older than any
#                                pom.xml or src/main file, or names a file that is gone (a module cleaned)
#   minewatch_models             puts the model cards' weights in place (scripts/fetch-models, quietly)
#   minewatch_install WHY PKG... installs Debian packages with apt-get (as root, or through sudo), saying
#                                what and why; without either it names the command to run and fails
minewatch_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$minewatch_root"
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
export MINEWATCH_SHARED=${MINEWATCH_SHARED:-$(cd "$minewatch_root/.." && pwd)/shared}

minewatch_classpath() {
  local module=$1
  local cp_file=$module/target/classpath.txt stale= entry
  if [ ! -f "$cp_file" ]; then
    stale=missing
  elif [ -n "$(find pom.xml ./*/pom.xml ./*/src/main -type f -newer "$cp_file" 2>/dev/null | head -n 1)" ]; then
    stale=sources
  else
    local IFS=:
    for entry in $(cat "$cp_file"); do
      [ -e "$entry" ] || { stale=gone; break; }
    done
  fi
  if [ -n "$stale" ]; then
    echo "$(basename "$0"): building $module (mvn package, tests skipped)..." >&2
    mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
      -pl "$module" -am >&2
    touch "$cp_file"   # the plugin leaves an unchanged classpath file alone
  fi
  printf '%s' "$module/target/classes:$(cat "$cp_file")"
}

minewatch_models() {
  MINEWATCH_ASSET_MIRROR=${MINEWATCH_ASSET_MIRROR:-$MINEWATCH_SHARED} "$minewatch_root/scripts/fetch-models" >/dev/null
}

minewatch_install() {
  local why=$1; shift
  local -a root=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null; then root=(sudo); else
      echo "$(basename "$0"): needs $why: run as root: apt-get install $*" >&2
      return 1
    fi
  fi
  echo "$(basename "$0"): installing $why ($*)" >&2
  "${root[@]}" apt-get update -qq
  "${root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
