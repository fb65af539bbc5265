# Configures and builds one of Rudi's build trees. Sourced by ops/run, ops/test and ops/bench.
#   rudi_build DIR BUILD_TYPE [cmake options...]
rudi_build() {
  local dir=$1 type=$2
  shift 2
  if [[ ! -f $dir/build.ninja ]]; then
    cmake -S "$rudi_root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
  fi
  # Two jobs: the machines this runs on have two cores, and Beast's translation units are large.
  # Progress lines are dropped; with pipefail the pipeline fails when the build does (sed never does).
  cmake --build "$dir" -j "${RUDI_BUILD_JOBS:-$(nproc)}" | sed -E '/^\[[0-9]+\/[0-9]+\] /d'
  return "${PIPESTATUS[0]}"
}
