package transports

import (
	"net/http"
	"net/url"
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

// A recording never keeps the userinfo of a URL's opaque part
// ("//u:pw@host/p"), as it keeps no URL's User.
func TestRecordedURLDropsOpaqueUserinfo(t *testing.T) {
	u := &url.URL{Scheme: "http", Host: "h.example", Opaque: "//u:SECRET@h.example/p", RawQuery: "token=abc&a=1"}
	got := redactURL(u)
	if strings.Contains(got, "SECRET") || strings.Contains(got, "abc") || !strings.Contains(got, "h.example/p") {
		t.Errorf("redactURL = %q", got)
	}
}

// A multipart body of more parts than maxParts is withheld, not parsed
// part by part: many tiny parts cost far more than their bytes.
func TestRedactMultipartBoundsTheParts(t *testing.T) {
	var b strings.Builder
	for i := range maxParts + 1 {
		if i > 0 {
			b.WriteString("\r\n")
		}
		b.WriteString("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx")
	}
	b.WriteString("\r\n--XyZ--\r\n")
	if _, _, ok := redactMultipart([]byte(b.String()), "multipart/form-data; boundary=XyZ"); ok {
		t.Errorf("%d parts redacted; want the body withheld", maxParts+1)
	}
	short := strings.Replace(b.String(), strings.Repeat("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n", 1), "", 1)
	if _, _, ok := redactMultipart([]byte(short), "multipart/form-data; boundary=XyZ"); !ok {
		t.Errorf("%d parts withheld; want them looked at", maxParts)
	}
}
