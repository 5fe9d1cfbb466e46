package client_test

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// uriLog is a server for the URL-reading tests: it records the RequestURI
// of each request it gets, answers /down with a 503 (a backup's turn),
// /moved with a 302 to its "to" parameter, and anything else with {}. It
// is closed when the test ends.
type uriLog struct {
	*httptest.Server
	mu  sync.Mutex
	got []string
}

func newURILog(t *testing.T) *uriLog {
	l := &uriLog{}
	l.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.got = append(l.got, r.RequestURI)
		l.mu.Unlock()
		switch r.URL.Path {
		case "/down":
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		case "/moved":
			w.Header().Set("Location", r.URL.Query().Get("to"))
			w.WriteHeader(http.StatusFound)
			return
		}
		w.Write([]byte(`{}`))
	}))
	t.Cleanup(l.Close)
	return l
}

// last is the RequestURI of the latest request, "" before any.
func (l *uriLog) last() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.got) == 0 {
		return ""
	}
	return l.got[len(l.got)-1]
}

// count is the number of requests the server got.
func (l *uriLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.got)
}
