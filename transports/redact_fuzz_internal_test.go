package transports

import (
	"net/http"
	"strings"
	"testing"
)

// Whatever surrounds it, a password field that the server reads in a form
// body (split on '&') is not in what is recorded of that body, and what is
// recorded says its size and hash are of those bytes.
func FuzzRedactFormBody(f *testing.F) {
	for _, p := range [][2]string{{"", ""}, {`{"a":"`, `"}`}, {`[1]`, ``}, {`a=1;`, `;b`}, {`{"a":"x","b":"`, ``},
		{`%`, `%zz`}, {"\xff", "\n"}, {`a={"pin":"`, `"}`}} {
		f.Add(p[0], p[1])
	}
	const secret = "S3CR3TVALUE"
	h := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	f.Fuzz(func(t *testing.T, prefix, suffix string) {
		if strings.Contains(prefix+suffix, "S3CR3T") {
			return
		}
		body := []byte(prefix + "&password=" + secret + "&" + suffix)
		b := redactBody(h, kindOf(h, firstByte(body)), newRecordedBody(body, int64(len(body)), "x", false))
		if b.Withheld {
			return
		}
		out := b.Bytes()
		if strings.Contains(string(out), secret) {
			t.Fatalf("%q recorded as %q", body, out)
		}
		if b.Size != int64(len(out)) {
			t.Fatalf("%q recorded as %d bytes, with Size %d", body, len(out), b.Size)
		}
	})
}
