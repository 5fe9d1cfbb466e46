package client_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/internal/layertest"
)

// rawServer answers every request on loopback with the bytes of answer,
// written as they are: it can send what net/http's server never would, a
// 204 or 304 that announces a Content-Length. Lines gets each request's
// line ("GET /p?q HTTP/1.1") as it came, until 64 are unread.
type rawServer struct {
	URL   string
	count atomic.Int64
	Lines chan string
}

func newRawServer(t *testing.T, answer string) *rawServer {
	t.Helper()
	s := &rawServer{Lines: make(chan string, 64)}
	s.URL = layertest.KeptAnswers(t, func(req *http.Request) string {
		s.count.Add(1)
		select {
		case s.Lines <- req.Method + " " + req.RequestURI + " " + req.Proto:
		default:
		}
		return answer
	})
	return s
}

// TestBodilessResponses: a response that has no body by definition (to
// HEAD, 204, 304) is read as empty whatever its Content-Length says, by the
// client and by every layer that buffers bodies.
func TestBodilessResponses(t *testing.T) {
	head := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		// net/http's server sends the length of the GET body to a HEAD,
		// and no body.
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "73")
		if r.Method != http.MethodHead {
			_, _ = io.WriteString(w, `{"pad":"`+strings.Repeat("x", 63)+`"}`)
		}
	})
	noContent := newRawServer(t, "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\nContent-Type: application/json\r\n\r\n")
	notModified := newRawServer(t, "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\nETag: \"v1\"\r\n\r\n")
	targets := []struct {
		name, url, method string
		status            int
	}{
		{"HEAD 200 Content-Length 73", head.URL + "/h", "HEAD", 200},
		{"GET 204 Content-Length 10", noContent.URL + "/n", "GET", 204},
		{"GET 304 Content-Length 10", notModified.URL + "/m", "GET", 304},
		{"head 204 Content-Length 10", noContent.URL + "/n", "head", 204},
	}
	accept := func(*client.Response) bool { return true }
	stacks := []struct {
		name string
		c    *client.Client
		opt  client.Option
	}{
		{"default", client.New(), client.Option{}},
		{"no layers", client.New(client.WithLayers()), client.Option{}},
		{"DataCheck", client.New(), client.Option{DataCheck: accept}},
		{"UseStore", client.New(), client.Option{UseStore: true}},
		{"HTTP cache", client.New(client.WithHTTPCache()), client.Option{}},
		{"all of them", client.New(client.WithHTTPCache()), client.Option{DataCheck: accept, UseStore: true}},
		{"arraybuffer", client.New(), client.Option{ResponseType: "arraybuffer", DataCheck: accept}},
	}
	for _, tg := range targets {
		for _, st := range stacks {
			opt := st.opt
			opt.URL, opt.Method = tg.url, tg.method
			resp, err := st.c.Request(context.Background(), opt)
			if err != nil || resp.ErrMsg != "request:ok" {
				t.Errorf("%s, %s: err %v ErrMsg %q", tg.name, st.name, err, resp.ErrMsg)
				continue
			}
			data := resp.Data
			if b, ok := data.([]byte); ok && len(b) == 0 {
				data = nil // arraybuffer: empty bytes, as for any empty body
			}
			if resp.StatusCode != tg.status || data != nil || len(resp.Raw) != 0 || resp.DecodeErr != nil {
				t.Errorf("%s, %s: status %d data %#v raw %q decodeErr %v", tg.name, st.name,
					resp.StatusCode, resp.Data, resp.Raw, resp.DecodeErr)
			}
			if tg.method == "HEAD" && resp.Header.Get("Content-Length") != "73" {
				t.Errorf("%s, %s: Content-Length %q, want the server's 73", tg.name, st.name, resp.Header.Get("Content-Length"))
			}
		}
	}
	// Every call reached a server: none was answered from the store or the
	// cache (no check key, no validators to reuse).
	want := int64(len(stacks))
	if got := head.count.Load(); got != want {
		t.Errorf("HEAD server saw %d requests, want %d", got, want)
	}
	if got := noContent.count.Load(); got != 2*want {
		t.Errorf("204 server saw %d requests, want %d", got, 2*want)
	}
}

// TestHeadTyped: Do on a HEAD gives the zero value, not a decode error of
// an empty body.
func TestHeadTyped(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "12")
	})
	res, err := client.Do[map[string]any](context.Background(), client.New(), client.Option{URL: srv.URL, Method: "HEAD"})
	if err != nil || res.StatusCode != 200 || res.Value != nil {
		t.Fatalf("res %+v err %v", res, err)
	}
}
