# man-examples.awk: extract the examples of an mdoc page's EXAMPLES section.
#
# In a literal display (.Bd -literal ... .Ed) of EXAMPLES, a line starting
# with "$ " is a command; following lines starting with "> " continue it
# (a here-document or a long pipeline), and so does any line after one
# ending in "\", "|" or "&&"; the other lines up to the next
# command or the end of the display are its output.  A comment line
#	.\" example: skip REASON
# before a display marks the commands of that display as not checked
# (output that varies between runs).  roff escapes are undone.
#
# Output, one record per command, fields separated by \001, records by \002:
#	LINE \001 SKIPREASON \001 COMMAND \001 OUTPUT \002
function unescape(s,    out, c, n, name) {
	out = ""
	while ((n = index(s, "\\")) > 0) {
		out = out substr(s, 1, n - 1)
		c = substr(s, n + 1, 1)
		s = substr(s, n + 2)
		if (c == "e" || c == "\\") out = out "\\"
		else if (c == "-") out = out "-"
		else if (c == "&" || c == "|" || c == "^") out = out ""
		else if (c == " ") out = out " "
		else if (c == "(") {
			name = substr(s, 1, 2); s = substr(s, 3)
			out = out glyph(name)
		} else if (c == "[") {
			n = index(s, "]"); name = substr(s, 1, n - 1)
			s = substr(s, n + 1)
			out = out glyph(name)
		} else out = out c
	}
	return out s
}
function glyph(name) {
	if (name == "aq") return "'"
	if (name == "dq") return "\""
	if (name == "ti") return "~"
	if (name == "ha") return "^"
	if (name == "ga") return "`"
	if (name == "rs") return "\\"
	if (name == "em") return "--"
	if (name == "en") return "-"
	if (name == "mi" || name == "hy") return "-"
	return "?"
}
function flush() {
	if (cmd != "")
		printf "%s\001%s\001%s\001%s\002", cmdline, skip, cmd, outp
	cmd = ""; outp = ""; nout = 0
}
/^\.Sh / { flush(); inex = ($0 ~ /^\.Sh[ \t]+EXAMPLES/); lit = 0; next }
!inex { next }
/^\.\\" *example: *skip/ {
	pending = $0; sub(/^\.\\" *example: *skip */, "", pending)
	if (pending == "") pending = "not checked"
	next
}
/^\.Bd.*-literal/ { lit = 1; skip = pending; pending = ""; next }
/^\.Ed/ { flush(); lit = 0; skip = ""; next }
!lit { next }
/^\.\\"/ { next }
/^[.']/ { next }
{
	line = unescape($0)
	if (line ~ /^\$ /) {
		flush()
		cmd = substr(line, 3); cmdline = NR
	} else if (cmd != "" && nout == 0 && line ~ /^> /) {
		cmd = cmd "\n" substr(line, 3)
	} else if (cmd != "" && nout == 0 && cmd ~ /(\\|\||&&)[ \t]*$/) {
		cmd = cmd "\n" line
	} else if (cmd != "") {
		outp = outp line "\n"; nout++
	}
}
END { flush() }
