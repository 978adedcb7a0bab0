#!/bin/sh
# run.sh: run each benchmark script given; figures only, never a failure.
echo "osconcepts benchmarks on $(uname -m), $(nproc) CPUs, $(date -u +%Y-%m-%d)"
# Time the tools, not libtool's wrapper scripts (a shell that costs some
# 90 ms a start here): with a shared build, run the real binaries in .libs
# against the library of the build tree.
if [ -n "$top_builddir" ] && [ -x "$top_builddir/.libs/trace-gen" ]; then
	PATH=$top_builddir/.libs:$PATH
	LD_LIBRARY_PATH=$top_builddir/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
	export PATH LD_LIBRARY_PATH
	echo "# the build tree's binaries in .libs, without libtool's wrappers"
fi
for script in "$@"; do
	echo "== $(basename "$script" .sh)"
	bash "$script" || echo "($(basename "$script") stopped early; figures above are partial)"
done
exit 0
