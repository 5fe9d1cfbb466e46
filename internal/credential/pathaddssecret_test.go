package credential

import (
	"net/url"
	"testing"
)

// A backup URL whose path holds a secret of its own (a query escaped in
// it, once or twice, or a JWT segment) answers for that secret, as a
// ";jsessionid=" does; PathAddsSecret saw only the ';' parameters, and a
// store or cache wrote the answer under the first URL's key for everyone.
func TestPathAddsSecretEscapedQueryAndJWT(t *testing.T) {
	made, _ := url.Parse("https://a.example/x")
	for _, raw := range []string{
		"https://b.example/x%3Faccess_token%3Dalice",
		"https://b.example/x%253Faccess_token%253Dalice",
		"https://b.example/verify/" + testJWT,
	} {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if !Keys(nil).PathAddsSecret(u, made) {
			t.Errorf("PathAddsSecret(%s, %s) = false, want true", raw, made)
		}
	}
	// Not a secret of its own: an everyday path, an escaped query with no
	// secret, the same secret the first URL already has.
	for _, c := range []struct{ u, made string }{
		{"https://b.example/y", "https://a.example/x"},
		{"https://b.example/x%3Fpage%3D2", "https://a.example/x"},
		{"https://b.example/v/" + testJWT, "https://a.example/verify/" + testJWT},
	} {
		u, _ := url.Parse(c.u)
		m, _ := url.Parse(c.made)
		if Keys(nil).PathAddsSecret(u, m) {
			t.Errorf("PathAddsSecret(%s, %s) = true, want false", c.u, c.made)
		}
	}
}
