package backup_test

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/middleware/backup"
)

// With WithCredentialsAcrossOrigins, the credential headers go to a backup
// of another origin, but Proxy-Authorization never to an https one: it is
// meant for the plain http primary's proxy, and through a proxy net/http
// writes an https request's header inside the tunnel, to the origin.
func TestProxyAuthorizationNeverGoesToAnHTTPSBackup(t *testing.T) {
	var mu sync.Mutex
	got := map[string]http.Header{}
	record := func(name string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			got[name] = r.Header.Clone()
			mu.Unlock()
			if name == "primary" {
				w.WriteHeader(http.StatusServiceUnavailable)
			}
		}
	}
	primary := httptest.NewServer(record("primary"))
	defer primary.Close()
	secure := httptest.NewTLSServer(record("https"))
	defer secure.Close()
	plain := httptest.NewServer(record("http"))
	defer plain.Close()

	for _, b := range []struct{ name, url string }{{"https", secure.URL}, {"http", plain.URL}} {
		base := secure.Client().Transport
		rt := backup.New(base, backup.WithURLs(b.url+"/b"), backup.WithCredentialsAcrossOrigins())
		req, _ := http.NewRequest("GET", primary.URL+"/a", nil)
		req.Header.Set("Proxy-Authorization", "Basic cHJveHk6c2VjcmV0")
		req.Header.Set("Authorization", "Bearer kept")
		resp, err := rt.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		mu.Lock()
		h := got[b.name]
		mu.Unlock()
		if h == nil {
			t.Fatalf("%s backup not reached", b.name)
		}
		wantProxy := b.name == "http"
		if (h.Get("Proxy-Authorization") != "") != wantProxy || h.Get("Authorization") != "Bearer kept" {
			t.Errorf("%s backup got Proxy-Authorization %q, Authorization %q", b.name, h.Get("Proxy-Authorization"), h.Get("Authorization"))
		}
		if req.Header.Get("Proxy-Authorization") == "" {
			t.Error("the caller's request was changed")
		}
	}
}

// The same for a header map that spells the name otherwise (a map literal,
// headers copied from a source that lowercases them): net/http writes the
// key as it is, inside the https backup's tunnel.
func TestProxyAuthorizationAnySpellingNeverGoesToAnHTTPSBackup(t *testing.T) {
	var mu sync.Mutex
	var got http.Header
	primary := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer primary.Close()
	secure := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = r.Header.Clone()
		mu.Unlock()
	}))
	defer secure.Close()
	rt := backup.New(secure.Client().Transport, backup.WithURLs(secure.URL+"/b"), backup.WithCredentialsAcrossOrigins())
	req, _ := http.NewRequest("GET", primary.URL+"/a", nil)
	req.Header["proxy-authorization"] = []string{"Basic cHJveHk6c2VjcmV0"}
	req.Header["PROXY-AUTHORIZATION"] = []string{"Basic cHJveHk6c2VjcmV0"}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	mu.Lock()
	defer mu.Unlock()
	if got == nil {
		t.Fatal("https backup not reached")
	}
	if v := got.Get("Proxy-Authorization"); v != "" {
		t.Errorf("the https backup got Proxy-Authorization %q", v)
	}
	if len(req.Header) != 2 {
		t.Error("the caller's request was changed")
	}
}
