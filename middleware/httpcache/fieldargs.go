package httpcache

import (
	"strings"

	"github.com/taroreq/taroreq/internal/optiontext"
)

// fieldArgsEndAtComma returns v, a Cache-Control value, with a blank
// before each comma that ends the unquoted argument of a no-cache or
// private directive ("no-cache=Set-Cookie,private"). RFC 9111 reads the
// field as a comma-separated list (#cache-directive: a token holds no
// comma), as browsers do, so the directive after that comma counts; but
// cacheobject runs the argument of those two directives on to the next
// blank and takes what follows for more field names. It lost a private (a
// shared cache stored the answer, and with must-revalidate and
// Authorization served it to every user, one the origin kept to one user)
// or a no-store (stored all the same). v is walked as cacheobject walks it,
// so that a quoted string is left as it is; v itself is returned when
// nothing changes.
func fieldArgsEndAtComma(v string) string {
	var b []byte
	done := 0 // v[:done] is in b
	for i := 0; i < len(v); {
		if c := v[i]; c == ' ' || c == '\t' || c == ',' {
			i++
			continue
		}
		j := i + 1
		for j < len(v) && optiontext.IsTokenByte(v[j]) {
			j++
		}
		if j+1 >= len(v) || v[j] != '=' {
			i = j // a directive without an argument
			continue
		}
		k := j + 1
		if v[k] == '"' {
			n, closed := optiontext.QuotedString(v[k:])
			if !closed {
				break // cacheobject refuses the value: no-store
			}
			i = k + n
			continue
		}
		fields := strings.EqualFold(v[i:j], "no-cache") || strings.EqualFold(v[i:j], "private")
		z := k
		for z < len(v) && v[z] != ' ' && v[z] != '\t' && v[z] != ',' {
			z++
		}
		if fields && z < len(v) && v[z] == ',' {
			b = append(append(b, v[done:z]...), ' ')
			done = z
		}
		i = z
	}
	if b == nil {
		return v
	}
	return string(append(b, v[done:]...))
}
