#!/bin/sh
# man-lint.sh: every man page is clean under mandoc -T lint -W warning and
# groff -mandoc -ww -z (TAP, one test per page and linter).
n=0
fail=0
say() {
	n=$((n + 1))
	if [ "$1" = ok ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=1
	fi
}
for page in $MAN_PAGES; do
	file=$top_srcdir/$page
	out=$("$MANDOC" -T lint -W warning "$file" 2>&1)
	if [ -z "$out" ]; then say ok "mandoc lint $page"; else
		say no "mandoc lint $page"; echo "$out" | sed 's/^/# /'; fi
	out=$("$GROFF" -mandoc -ww -z "$file" 2>&1)
	if [ -z "$out" ]; then say ok "groff -ww $page"; else
		say no "groff -ww $page"; echo "$out" | sed 's/^/# /'; fi
done
echo "1..$n"
exit $fail
