package backup_test

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/middleware/backup"
)

// hopServers are A (the first URL's origin, with the backup at /backup)
// and B on another host name, each recording what reached it.
type hopServers struct {
	a, b *httptest.Server
	mu   sync.Mutex
	seen map[string]*http.Request // by path: the last request, its body read into bodies
	body map[string]string
}

func newHopServers(t *testing.T) *hopServers {
	s := &hopServers{seen: map[string]*http.Request{}, body: map[string]string{}}
	record := func(r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.seen[r.URL.Path], s.body[r.URL.Path] = r, string(b)
		s.mu.Unlock()
	}
	s.a = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record(r)
		switch r.URL.Path {
		case "/toB":
			http.Redirect(w, r, s.b.URL+"/fail?b_token=from-b", http.StatusFound)
		case "/post":
			http.Redirect(w, r, s.b.URL+"/fail", http.StatusSeeOther)
		}
	}))
	t.Cleanup(s.a.Close)
	s.b = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record(r)
		if r.URL.Path == "/login" {
			http.SetCookie(w, &http.Cookie{Name: "b_session", Value: "bob", Path: "/"})
			return
		}
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	t.Cleanup(s.b.Close)
	// Another host name for B: net/http strips credentials on the hop.
	s.b.URL = strings.Replace(s.b.URL, "127.0.0.1", "localhost", 1)
	return s
}

func (s *hopServers) got(path string) (*http.Request, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seen[path], s.body[path]
}

// A plain http.Client whose first request A redirects to B, which fails:
// the backup on A's origin stands in for the first request, with its
// Authorization (which net/http took off the hop to B), A's cookies and
// its query, not the cookies the client's jar gave B nor the query of B's
// Location.
func TestBackupAfterHopOnTheFirstOrigin(t *testing.T) {
	s := newHopServers(t)
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, Transport: backup.New(nil, backup.WithURLs(s.a.URL+"/backup"))}
	defer hc.CloseIdleConnections()
	resp, err := hc.Get(s.b.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	jar.SetCookies(mustParse(t, s.a.URL), []*http.Cookie{{Name: "a_session", Value: "alice"}})

	req, _ := http.NewRequest("GET", s.a.URL+"/toB", nil)
	req.Header.Set("Authorization", "Bearer alice")
	resp, err = hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	hop, _ := s.got("/fail")
	if hop == nil || hop.Header.Get("Authorization") != "" || hop.Header.Get("Cookie") != "b_session=bob" {
		t.Fatalf("the hop to B: %v (want B's cookie, no Authorization: net/http's rules)", hop)
	}
	b, _ := s.got("/backup")
	if b == nil {
		t.Fatal("the backup was not tried")
	}
	if got := b.Header.Get("Authorization"); got != "Bearer alice" {
		t.Errorf("the backup on A's origin got Authorization %q, want the first request's", got)
	}
	if q := b.URL.RawQuery; q != "" {
		t.Errorf("the backup got the query %q that B's Location gave the hop", q)
	}
	if got := b.Header.Get("Cookie"); got != "a_session=alice" {
		t.Errorf("the backup on A's origin got Cookie %q, want A's a_session=alice (B's cookie is B's)", got)
	}
}

// A POST that A answered with a 303 to B was applied: B's GET failing is
// no reason to send the POST, or anything in its place, to a backup.
func TestBackupNotAfterHopOfAnAnsweredPost(t *testing.T) {
	s := newHopServers(t)
	hc := &http.Client{Transport: backup.New(nil, backup.WithURLs(s.a.URL+"/backup"))}
	defer hc.CloseIdleConnections()
	resp, err := hc.Post(s.a.URL+"/post", "application/json", strings.NewReader(`{"order":1}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("status %d, want B's 503", resp.StatusCode)
	}
	if b, body := s.got("/backup"); b != nil {
		t.Errorf("the backup got %s %q after the POST was answered", b.Method, body)
	}
}

func mustParse(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestHopOfTheLastBackupsChainAnswers: a plain http.Client whose first URL
// redirects to a URL that fails (503) fails over to its one backup, which
// redirects to another failing URL. That hop has no backup left after the
// one that started its chain, so its 503 is the response obtained, as the
// last URL's failed answer is when no redirect is involved: it was an
// error, "backup: all 1 URLs failed", the answer closed.
func TestHopOfTheLastBackupsChainAnswers(t *testing.T) {
	var b *httptest.Server
	b = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/r" {
			http.Redirect(w, r, b.URL+"/fail2", http.StatusFound)
			return
		}
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = io.WriteString(w, "down "+r.URL.Path)
	}))
	defer b.Close()
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, b.URL+"/fail", http.StatusFound)
	}))
	defer a.Close()
	for _, backupURL := range []string{b.URL + "/fail2", b.URL + "/r"} {
		hc := &http.Client{Transport: backup.New(nil, backup.WithURLs(backupURL))}
		resp, err := hc.Get(a.URL + "/p")
		if err != nil {
			t.Fatalf("backup %s: %v; want the last URL's 503", backupURL, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable || string(body) != "down /fail2" {
			t.Errorf("backup %s: %d %q, want 503 \"down /fail2\"", backupURL, resp.StatusCode, body)
		}
		hc.CloseIdleConnections()
	}
}
