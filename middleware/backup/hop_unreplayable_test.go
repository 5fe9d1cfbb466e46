package backup_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/middleware/backup"
)

// readerOnly is a body net/http cannot send again: no GetBody.
type readerOnly struct{ r io.Reader }

func (o *readerOnly) Read(p []byte) (int, error) { return o.r.Read(p) }

// TestHopOfAnUnreplayableBodyAnswers: a plain http.Client's PUT whose body
// cannot be sent again, answered with a 303 to a URL that fails (503),
// goes to no backup (its body could not go with it), and the hop's 503 is
// the response obtained, as the first URL's failed answer is without the
// redirect: it was an error ("request body cannot be replayed to a
// backup" beside the 503), the answer closed.
func TestHopOfAnUnreplayableBodyAnswers(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	rec := func(who string, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		seen = append(seen, r.Method+" "+who+r.URL.Path+" "+string(body))
		mu.Unlock()
	}
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec("B", r)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = io.WriteString(w, "down")
	}))
	defer b.Close()
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec("A", r)
		if r.URL.Path == "/p" {
			http.Redirect(w, r, b.URL+"/fail", http.StatusSeeOther)
		}
	}))
	defer a.Close()
	hc := &http.Client{Transport: backup.New(nil, backup.WithURLs(a.URL+"/backup"))}
	defer hc.CloseIdleConnections()
	req, _ := http.NewRequest(http.MethodPut, a.URL+"/p", &readerOnly{strings.NewReader("payload")})
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatalf("%v; want the hop's 503", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || string(body) != "down" {
		t.Errorf("got %d %q, want the hop's 503", resp.StatusCode, body)
	}
	mu.Lock()
	defer mu.Unlock()
	if want := []string{"PUT A/p payload", "GET B/fail "}; strings.Join(seen, "|") != strings.Join(want, "|") {
		t.Errorf("requests %q, want %q (no backup)", seen, want)
	}
}
