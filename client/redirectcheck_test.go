package client_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// redirectingServer redirects /start to /final, which answers body(r).
func redirectingServer(t *testing.T, body func(r *http.Request) string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/start" {
			w.Header().Set("X-Hop", "1")
			http.Redirect(w, r, "/final?"+r.URL.RawQuery, http.StatusFound)
			return
		}
		w.Write([]byte(body(r)))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// A redirect is a step on the way to the answer, as in a browser: DataCheck
// judges the answer at the end of the hops, and a Task's header listeners
// hear of that answer only.
func TestDataCheckAndListenersSeeTheAnswerNotTheHops(t *testing.T) {
	srv := redirectingServer(t, func(*http.Request) string { return `{"code":0}` })
	c := client.New(client.WithBaseURL(srv.URL))
	var statuses []int
	check := func(r *client.Response) bool {
		statuses = append(statuses, r.StatusCode)
		return r.Data.(map[string]any)["code"] == 0.0
	}
	resp, err := c.Request(context.Background(), client.Option{URL: "/start", DataCheck: check})
	if err != nil || resp.StatusCode != 200 || len(statuses) != 1 || statuses[0] != 200 {
		t.Fatalf("status %d, err %v, DataCheck saw %v; want the 200 at /final, checked once", resp.StatusCode, err, statuses)
	}

	var log headerLog
	started := make(chan struct{})
	c.AddInterceptor(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		<-started
		return proceed(ctx, opt)
	})
	task := c.Go(context.Background(), client.Option{URL: "/start"})
	task.OnHeadersReceived(log.add)
	close(started)
	if _, err := task.Wait(); err != nil {
		t.Fatal(err)
	}
	if got := log.all(); len(got) != 1 || got[0].StatusCode != 200 || got[0].Header.Get("X-Hop") != "" {
		t.Fatalf("the listener heard %v; want the final 200 only", got)
	}
}

// A JSONP script that redirects is followed, as a browser's <script> is,
// and the answer at the end is unwrapped.
func TestJSONPFollowsRedirects(t *testing.T) {
	srv := redirectingServer(t, func(r *http.Request) string { return r.URL.Query().Get("callback") + `({"code":0})` })
	resp, err := client.New(client.WithBaseURL(srv.URL)).Request(context.Background(),
		client.Option{URL: "/start", JSONP: true})
	if err != nil || resp.StatusCode != 200 || resp.Attempts != 2 {
		t.Fatalf("status %d, err %v, %d attempts; want the unwrapped 200, the hop and the answer sent once each",
			resp.StatusCode, err, resp.Attempts)
	}
	if m, _ := resp.Data.(map[string]any); m["code"] != 0.0 {
		t.Fatalf("data %v", resp.Data)
	}
}

// A 307 to a request whose body cannot be sent again is not followed
// (http.Client hands it back): it is the answer, and DataCheck judges it.
// http.Client judges a 307 by the call's first request: after a 303 to a
// GET, a 307 in a call that began with a one-shot POST body is still not
// followed.
func TestDataCheckJudgesA307TheClientDoesNotFollow(t *testing.T) {
	for name, hops := range map[string]map[string]hop{
		"at once":     {"/upload": {"/elsewhere", http.StatusTemporaryRedirect}},
		"after a 303": {"/upload": {"/status", http.StatusSeeOther}, "/status": {"/final", http.StatusTemporaryRedirect}},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			if to, ok := hops[r.URL.Path]; ok {
				w.Header().Set("Location", to.location)
				w.WriteHeader(to.status)
				return
			}
			w.Write([]byte(`{"code":0}`))
		}))
		var statuses []int
		resp, err := client.New(client.WithMaxRequestBuffer(16)).Request(context.Background(), client.Option{
			URL: srv.URL + "/upload", Method: "POST", RetryTimes: client.NoRetry,
			Data:      strings.NewReader(strings.Repeat("x", 1024)), // over the buffer: no GetBody
			Header:    http.Header{"Content-Type": {"application/octet-stream"}},
			DataCheck: func(r *client.Response) bool { statuses = append(statuses, r.StatusCode); return r.StatusCode == 200 },
		})
		srv.Close()
		if err == nil || fmt.Sprint(statuses) != "[307]" {
			t.Fatalf("%s: status %d, err %v, DataCheck saw %v; want the 307 judged and refused", name, resp.StatusCode, err, statuses)
		}
	}
}

// hop is a redirect of a test server: where to, with which status.
type hop struct {
	location string
	status   int
}

// A call whose first request can be sent again follows a 307 even when a
// layer below sends a copy without GetBody.
func TestA307IsFollowedWhateverALayerBelowSends(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		if r.URL.Path == "/a" {
			w.Header().Set("Location", "/b")
			w.WriteHeader(http.StatusTemporaryRedirect)
			return
		}
		w.Write([]byte(`{"code":0}`))
	}))
	defer srv.Close()
	noGetBody := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			r = r.Clone(r.Context())
			r.GetBody = nil
			return next.RoundTrip(r)
		})
	}
	var statuses []int
	resp, err := client.New(client.WithInnerLayers(noGetBody)).Request(context.Background(), client.Option{
		URL: srv.URL + "/a", Method: "POST", Data: map[string]any{"n": 1},
		DataCheck: func(r *client.Response) bool { statuses = append(statuses, r.StatusCode); return true },
	})
	if err != nil || resp.StatusCode != 200 || fmt.Sprint(statuses) != "[200]" {
		t.Fatalf("status %d, err %v, DataCheck saw %v; want the 307 followed to the 200", resp.StatusCode, err, statuses)
	}
}
