#!/usr/bin/env bats
# cli.bats: the conventions every tool shares, through a minimal front end
# (tests/unit/osc-cli-check: counts lines of integers and sums them).

load test_helper

@test "--version prints PROG (osconcepts) VERSION" {
	run osc-cli-check --version
	assert_success
	assert_output --regexp '^osc-cli-check \(osconcepts\) [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "--help lists the common options and the bug address" {
	run osc-cli-check --help
	assert_success
	for opt in --format --table --output --seed --quiet --no-header; do
		assert_output --partial "$opt"
	done
	assert_output --partial "Report bugs to"
}

@test "csv: header, ratio with 6 digits (1 + 2 + 3 = 6 over 2 records)" {
	run osc-cli-check -f csv <<<$'1\n2 3'
	assert_success
	assert_output $'records,sum,mean,last_line\n2,6,3.000000,2'
}

@test "--no-header drops the csv header row" {
	run osc-cli-check -f csv --no-header <<<'5'
	assert_output '1,5,5.000000,1'
}

@test "comments, blank lines, commas, tabs and CRLF are accepted" {
	run osc-cli-check -f csv --no-header <<<$'# head\r\n\r\n1,2\r\n\t3 # four\r\n'
	assert_success
	assert_output '2,6,3.000000,4'
}

@test "operands are read in order as one stream; - is standard input" {
	printf '1\n' >"$BATS_TEST_TMPDIR/a"
	printf '10\n' >"$BATS_TEST_TMPDIR/b"
	run osc-cli-check -f csv --no-header "$BATS_TEST_TMPDIR/a" - "$BATS_TEST_TMPDIR/b" <<<'100'
	assert_output '3,111,37.000000,1'
}

@test "--hex reads integers without 0x as hexadecimal" {
	run osc-cli-check -f csv --no-header --hex <<<'ff 0x1'
	assert_output '1,256,256.000000,1'
}

@test "empty input: zero records, mean not applicable (empty field)" {
	run osc-cli-check -f csv --no-header </dev/null
	assert_output '0,0,,0'
}

@test "json: one document with tool, version, params and tables" {
	run osc-cli-check -f json -t all <<<'4'
	assert_success
	assert_output --regexp '^\{"tool":"osc-cli-check","version":"[0-9.]+","params":\{"seed":1\},"tables":\{"summary":\[\{"records":1,"sum":4,"mean":4\.000000,"last_line":1\}\],"records":\[\{"records":1\}\]\}\}$'
}

@test "text: aligned table with commentary; --quiet drops the commentary" {
	run osc-cli-check <<<'7'
	assert_output --partial 'records  sum'
	assert_output --partial '1 records'
	run osc-cli-check --quiet <<<'7'
	refute_output --partial '1 records'
}

@test "malformed line: status 65, PROG: FILE:LINE: expected ..., found ..." {
	run osc-cli-check <<<$'1\n# c\n2 x'
	assert_failure 65
	assert_output 'osc-cli-check: <stdin>:3: expected a number, found "x"'
}

@test "malformed line in a named file names the file" {
	printf '1\n1 2 3\n' >"$BATS_TEST_TMPDIR/t.txt"
	run osc-cli-check "$BATS_TEST_TMPDIR/t.txt"
	assert_failure 65
	assert_output "osc-cli-check: $BATS_TEST_TMPDIR/t.txt:2: expected end of line, found \"3\""
}

@test "a number past 2^64-1 is an input error, 2^64-1 is not" {
	run osc-cli-check -f csv --no-header <<<'18446744073709551615'
	assert_success
	run osc-cli-check <<<'18446744073709551616'
	assert_failure 65
	assert_output --partial '<stdin>:1: expected a number, found "18446744073709551616" (out of range)'
}

@test "a NUL byte is not text: status 65 on its line" {
	run osc-cli-check < <(printf '1\n2\0 3\n4\n')
	assert_failure 65
	assert_output 'osc-cli-check: <stdin>:2: expected text, found a NUL byte'
}

@test "a last line without newline is read" {
	run osc-cli-check -f csv --no-header < <(printf '2\n3')
	assert_output '2,5,2.500000,2'
}

@test "missing input file: status 66" {
	run osc-cli-check /nonexistent/file
	assert_failure 66
	assert_output 'osc-cli-check: /nonexistent/file: cannot open: No such file or directory'
}

@test "a directory as input: status 66" {
	run osc-cli-check /
	assert_failure 66
	assert_output 'osc-cli-check: /: cannot read: Is a directory'
}

@test "bad option: status 64 with the argp message" {
	assert_usage_error osc-cli-check --no-such-option
	assert_output --partial 'unrecognized option'
}

@test "bad --format value: status 64 listing the choices" {
	run osc-cli-check -f xml </dev/null
	assert_failure 64
	assert_output --partial 'invalid value for --format: expected one of text, csv, json, found "xml"'
}

@test "unknown table: status 64" {
	run osc-cli-check -t nosuch </dev/null
	assert_failure 64
	assert_output --partial 'unknown table "nosuch" (tables: summary, records, all)'
}

@test "csv with two tables is a usage error" {
	run osc-cli-check -f csv -t all </dev/null
	assert_failure 64
	assert_output --partial 'csv output holds one table'
}

@test "bad --seed value: status 64" {
	run osc-cli-check --seed=abc </dev/null
	assert_failure 64
	assert_output --partial 'invalid value for --seed: expected a non-negative integer, found "abc"'
}

@test "-o FILE writes there; an uncreatable FILE is status 73" {
	run osc-cli-check -f csv -o "$BATS_TEST_TMPDIR/out.csv" <<<'1'
	assert_success
	assert_output ''
	run cat "$BATS_TEST_TMPDIR/out.csv"
	assert_output $'records,sum,mean,last_line\n1,1,1.000000,1'
	run osc-cli-check -o /nonexistent/dir/out <<<'1'
	assert_failure 73
	assert_output 'osc-cli-check: cannot create /nonexistent/dir/out: No such file or directory'
}

@test "a write error is status 74 with a message" {
	run bash -c 'echo 1 | osc-cli-check >/dev/full'
	assert_failure 74
	assert_output 'osc-cli-check: write error: No space left on device'
	run osc-cli-check -o /dev/full <<<'1'
	assert_failure 74
}
