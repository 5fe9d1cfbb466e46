package client_test

import (
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
)

// A plain http.Client's jar files an answer's cookies under the URL it
// asked for. When a backup of another origin answers (over c.Transport(),
// or the backup layer alone), its Set-Cookie must not reach that jar: the
// cookie B set (its session, or one it plants) would then be sent to A on
// every later request, a cookie crossing origins. A backup on A's own
// origin still hands the jar its cookie; so does the http.Client's own
// redirect hop, which it files under the hop's URL.
func TestPlainBackupOfAnotherOriginSetsNoCookieForTheAskedURL(t *testing.T) {
	var mu sync.Mutex
	var sentToA []string
	var bURL string // B, under another host name (set below)
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		sentToA = append(sentToA, r.URL.Path+" "+r.Header.Get("Cookie"))
		mu.Unlock()
		switch r.URL.Path {
		case "/fail":
			w.WriteHeader(http.StatusServiceUnavailable)
		case "/own-backup":
			http.SetCookie(w, &http.Cookie{Name: "own", Value: "from-a", Path: "/"})
		case "/toA":
			http.Redirect(w, r, "/fail", http.StatusFound) // a hop on A that fails over to B
		case "/toB":
			http.Redirect(w, r, bURL+"/hop", http.StatusFound)
		}
	}))
	defer a.Close()
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/hop" {
			w.WriteHeader(http.StatusServiceUnavailable) // the hop fails over too
			return
		}
		http.SetCookie(w, &http.Cookie{Name: "sid", Value: "planted-by-b", Path: "/"})
		w.Header().Add("Set-Cookie2", "legacy=planted-by-b")
		_, _ = w.Write([]byte("b"))
	}))
	defer b.Close()
	au, _ := url.Parse(a.URL)
	// B under another host name: net/http's jar scopes cookies by host,
	// not port, so B's own cookie (of a hop to it) would reach A anyway.
	bURL = strings.Replace(b.URL, "127.0.0.1", "localhost", 1)

	c := client.New(client.WithBackup(backup.WithURLs(bURL + "/backup")))
	defer c.CloseIdleConnections()
	transports := map[string]http.RoundTripper{
		"client's Transport": c.Transport(),
		"layer alone":        middleware.Chain(nil, backup.Middleware(backup.WithURLs(bURL+"/backup"))),
	}
	for name, rt := range transports {
		for _, path := range []string{"/fail", "/toA", "/toB"} {
			mu.Lock()
			sentToA = nil
			mu.Unlock()
			jar, _ := cookiejar.New(nil)
			hc := &http.Client{Transport: rt, Jar: jar}
			resp, err := hc.Get(a.URL + path)
			if err != nil {
				t.Fatalf("%s %s: %v", name, path, err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s %s: status %d, want the backup's 200", name, path, resp.StatusCode)
			}
			if got := jar.Cookies(au); len(got) > 0 {
				t.Errorf("%s %s: the jar holds %v for A, set by the backup on B", name, path, got)
			}
			if path != "/toB" && len(resp.Header.Values("Set-Cookie2")) > 0 { // (a hop to B: B's own, as its backup is)
				t.Errorf("%s %s: B's Set-Cookie2 handed on as A's", name, path)
			}
			resp, err = hc.Get(a.URL + "/next")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			mu.Lock()
			for _, s := range sentToA {
				if s != path+" " && s != "/fail " && s != "/next " {
					t.Errorf("%s %s: A got %q", name, path, s)
				}
			}
			mu.Unlock()
		}
	}

	// A backup on A's origin: its cookie is A's, for the jar to keep.
	own := &http.Client{Transport: middleware.Chain(nil, backup.Middleware(backup.WithURLs(a.URL+"/own-backup")))}
	own.Jar, _ = cookiejar.New(nil)
	resp, err := own.Get(a.URL + "/fail")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := own.Jar.Cookies(au); len(got) != 1 || got[0].Value != "from-a" {
		t.Errorf("a backup on A's own origin: the jar holds %v, want own=from-a", got)
	}
}
