package backup_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
)

// TestHopOfASharedRedirectResponseEnds: a transport that hands back one
// *http.Response for two redirects, setting its Request each time, links
// the hops in a cycle (the second hop's Response is the response whose
// Request is that hop). net/http alone follows the chain to its end; the
// layer's walk up the chain, for the request a failed hop stands in for,
// spun for ever. It now ends, and the hop fails over.
func TestHopOfASharedRedirectResponseEnds(t *testing.T) {
	shared := &http.Response{StatusCode: http.StatusFound}
	rt := middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		switch {
		case req.URL.Host == "b.test":
			return &http.Response{StatusCode: http.StatusOK, Body: io.NopCloser(strings.NewReader("ok")), Request: req}, nil
		case req.URL.Path == "/next":
			return &http.Response{StatusCode: http.StatusServiceUnavailable, Body: io.NopCloser(strings.NewReader("down")), Request: req}, nil
		}
		loc := "http://a.test/2"
		if req.URL.Path == "/2" {
			loc = "http://a.test/next"
		}
		shared.Header, shared.Body, shared.Request = http.Header{"Location": {loc}}, http.NoBody, req
		return shared, nil
	})
	hc := &http.Client{Transport: backup.New(rt, backup.WithURLs("http://b.test/"))}
	done := make(chan string, 1)
	go func() {
		resp, err := hc.Get("http://a.test/p")
		if err != nil {
			done <- err.Error()
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		done <- string(body)
	}()
	select {
	case got := <-done:
		if got != "ok" {
			t.Errorf("got %q, want the backup's answer", got)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the call did not end: the walk up the hops' chain went round their cycle")
	}
}
