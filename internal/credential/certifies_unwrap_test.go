package credential

import (
	"crypto/tls"
	"net/http"
	"testing"
)

type wrapped struct{ base http.RoundTripper }

func (w *wrapped) RoundTrip(r *http.Request) (*http.Response, error) { return w.base.RoundTrip(r) }
func (w *wrapped) Unwrap() http.RoundTripper                         { return w.base }

type selfWrapped struct{}

func (selfWrapped) RoundTrip(*http.Request) (*http.Response, error) { return nil, nil }
func (s selfWrapped) Unwrap() http.RoundTripper                     { return s }

// CertifiesUser looks through wrappers that say what is below them, and
// ends on one that says itself, or nil.
func TestCertifiesUserLooksThroughUnwrap(t *testing.T) {
	cert := &http.Transport{TLSClientConfig: &tls.Config{Certificates: []tls.Certificate{{}}}}
	for _, c := range []struct {
		name string
		rt   http.RoundTripper
		want bool
	}{
		{"bare", cert, true},
		{"wrapped twice", &wrapped{&wrapped{cert}}, true},
		{"wrapped plain transport", &wrapped{&http.Transport{}}, false},
		{"wrapping nil", &wrapped{nil}, false},
		{"typed nil transport", &wrapped{(*http.Transport)(nil)}, false},
		{"itself below itself", selfWrapped{}, false},
	} {
		if got := CertifiesUser(c.rt); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
