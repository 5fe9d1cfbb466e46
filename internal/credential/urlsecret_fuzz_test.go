package credential

import (
	"net/url"
	"strings"
	"testing"
)

// Whatever else a URL's query holds, an access_token that the server reads
// in it (a field between two '&') is in none of the redacted forms: URL,
// String, Text (an error quoting the URL) and WithoutSecrets.
func FuzzURLSecret(f *testing.F) {
	for _, p := range [][2]string{{"", ""}, {"a=1;", ";b=2"}, {"f=%7B", "%7D"}, {"x%", "%zz"}, {`f={"a":"`, `"}`},
		{"next=http://h/?", "q"}, {"a=(", ")"}, {"<", ">"}, {"a=\"", "\""}, {"%3D", "="}} {
		f.Add(p[0], p[1])
	}
	const secret = "S3CR3TVALUE"
	f.Fuzz(func(t *testing.T, a, b string) {
		if strings.Contains(a+b, "S3CR3T") || strings.ContainsAny(a+b, "#\x00") {
			return
		}
		raw := "https://h.test/p?" + a + "&access_token=" + secret + "&" + b
		u, err := url.Parse(raw)
		if err != nil || u.RawQuery != a+"&access_token="+secret+"&"+b {
			return
		}
		for name, got := range map[string]string{
			"URL":            Keys(nil).URL(u),
			"String":         Keys(nil).String(raw),
			"Text":           Keys(nil).Text(`Get "` + raw + `": EOF`),
			"WithoutSecrets": Keys(nil).WithoutSecrets(u.RawQuery),
		} {
			if strings.Contains(got, secret) {
				t.Fatalf("%s(%q) = %q", name, raw, got)
			}
		}
	})
}

// Whatever JSON surrounds it, a password member's value is not in the
// redacted body; nor is a form field's, whatever the fields around it.
func FuzzBodySecret(f *testing.F) {
	for _, p := range [][2]string{{`{"a":1,`, `}`}, {`[{"b":[`, `]},{`}, {`{"a":{"b":"c"},`, `,"d":null}`}, {`{"\u0070assword":"x",`, `}`},
		{"a=1", ""}, {"{", "}"}, {"f=%7B%22", "%22%7D"}} {
		f.Add(p[0], p[1])
	}
	const secret = "S3CR3TVALUE"
	f.Fuzz(func(t *testing.T, a, b string) {
		if strings.Contains(a+b, "S3CR3T") {
			return
		}
		body := []byte(a + `"password":"` + secret + `"` + b)
		if out, _, ok := Keys(nil).JSON(body); ok && strings.Contains(string(out), secret) {
			t.Fatalf("JSON(%q) = %q", body, out)
		}
		form := []byte(a + "&password=" + secret + "&" + b)
		if out, _ := Keys(nil).Form(form); strings.Contains(string(out), secret) {
			t.Fatalf("Form(%q) = %q", form, out)
		}
	})
}
