package client_test

// Behaviours of Taro H5 and jsonp-retry found by the taro-diff review
// (cases rv-*): JSONP's callback parameter, a query value ending in '?',
// JSONP's method, a 205's body.

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

type reviewSeen struct {
	mu   sync.Mutex
	reqs []*http.Request
}

func (s *reviewSeen) add(r *http.Request) { s.mu.Lock(); s.reqs = append(s.reqs, r); s.mu.Unlock() }
func (s *reviewSeen) all() []*http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*http.Request(nil), s.reqs...)
}

// jsonpEcho answers name(...) with the FIRST callback value, as Express's
// res.jsonp and most JSONP servers do; /plain answers {"status":205} with 205.
func reviewServer(t *testing.T) (*httptest.Server, *reviewSeen) {
	s := &reviewSeen{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.add(r)
		if r.URL.Path == "/205" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(205)
			_, _ = w.Write([]byte(`{"status":205}`))
			return
		}
		if strings.HasPrefix(r.URL.Path, "/jsonp") {
			cb := r.URL.Query().Get("callback")
			if cb == "" {
				cb = "callback"
			}
			w.Header().Set("Content-Type", "application/javascript")
			_, _ = w.Write([]byte(cb + `({"code":0});`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"code":0}`))
	}))
	t.Cleanup(srv.Close)
	return srv, s
}

// Spec/README JSONP: "a GET carrying callback=<name>". POST is refused
// ("JSONP needs method GET"), but HEAD slips through: a HEAD is sent, its
// empty body is "not the JSONP call", and the request fails. Taro (jsonp-retry)
// loads the script with a GET whatever the method.
func TestJSONPWithHeadRefused(t *testing.T) {
	srv, s := reviewServer(t)
	c := client.New(client.WithBaseURL(srv.URL))
	_, err := c.Request(context.Background(), client.Option{URL: "/jsonp", JSONP: true, Method: "HEAD", RetryTimes: client.NoRetry})
	reqs := s.all()
	if !errors.Is(err, client.ErrInvalidOption) || len(reqs) != 0 {
		t.Fatalf("JSONP with Method HEAD: sent %d request(s), err %v; want ErrInvalidOption with nothing sent, as for POST", len(reqs), err)
	}
}

// jsonp-retry uses a callback=<name> the URL (or the data) already carries,
// and replaces callback=? with its generated name. taroreq appends a second
// callback parameter, the server answers the first, and every such request
// fails ("want __jsonpN(...), got fixedCb(...)").
func TestJSONPUsesTheCallbackTheURLCarries(t *testing.T) {
	srv, s := reviewServer(t)
	c := client.New(client.WithBaseURL(srv.URL))
	for _, tc := range []struct {
		name string
		opt  client.Option
	}{
		{"url callback=fixedCb", client.Option{URL: "/jsonp?callback=fixedCb", JSONP: true, RetryTimes: client.NoRetry}},
		{"url callback=?", client.Option{URL: "/jsonp?callback=?", JSONP: true, RetryTimes: client.NoRetry}},
		{"data callback", client.Option{URL: "/jsonp", JSONP: true, Data: map[string]string{"callback": "dataCb"}, RetryTimes: client.NoRetry}},
	} {
		n := len(s.all())
		resp, err := c.Request(context.Background(), tc.opt)
		q := ""
		if reqs := s.all(); len(reqs) > n {
			q = reqs[n].URL.RawQuery
		}
		if err != nil {
			t.Errorf("%s: query sent %q: %v (jsonp-retry succeeds: it uses the callback the URL carries)", tc.name, q, err)
			continue
		}
		if m, _ := resp.Data.(map[string]any); m["code"] != 0.0 {
			t.Errorf("%s: data %v", tc.name, resp.Data)
		}
		if n := strings.Count(q, "callback="); n != 1 || strings.Contains(q, "callback=?") {
			t.Errorf("%s: query sent %q; want one callback parameter, filled", tc.name, q)
		}
	}
}

// A backup gets the callback the primary's URL named, so that it answers
// the same call (the primary answers JSON, not the call: a failed attempt).
func TestJSONPBackupGetsTheURLsCallback(t *testing.T) {
	srv, s := reviewServer(t)
	c := client.New(client.WithBaseURL(srv.URL))
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/down?callback=fixedCb", JSONP: true,
		Backup: []string{"/jsonp"}, RetryTimes: client.NoRetry, Data: map[string]string{"a": "1"}})
	reqs := s.all()
	if err != nil || len(reqs) == 0 {
		t.Fatalf("resp %+v err %v", resp, err)
	}
	if q := reqs[len(reqs)-1].URL.Query(); q.Get("callback") != "fixedCb" || q.Get("a") != "1" {
		t.Errorf("backup query %q; want callback=fixedCb and the data", reqs[len(reqs)-1].URL.RawQuery)
	}
}

// Spec (Data encoding): query data is appended with "'?' or '&' as
// needed". A URL whose query ends in '?' inside a value (q=?) gets no '&':
// /x?q=? + a=1 is sent as ?q=?a=1, so q is "?a=1" and a is lost; with JSONP
// the callback parameter is lost the same way and the request fails
// (jsonp-retry sends ?q=?&callback=...).
func TestQueryValueEndingInQuestionMark(t *testing.T) {
	srv, s := reviewServer(t)
	c := client.New(client.WithBaseURL(srv.URL))
	_, err := c.Request(context.Background(), client.Option{URL: "/x?q=?", Data: map[string]string{"a": "1"}})
	if err != nil {
		t.Fatal(err)
	}
	r := s.all()[0]
	if got := r.URL.Query(); got.Get("a") != "1" || got.Get("q") != "?" {
		t.Errorf("GET /x?q=? with data a=1 sent ?%s: q=%q a=%q; want q=\"?\" a=\"1\"", r.URL.RawQuery, got.Get("q"), got.Get("a"))
	}
	n := len(s.all())
	_, err = c.Request(context.Background(), client.Option{URL: "/jsonp?q=?", JSONP: true, RetryTimes: client.NoRetry})
	if err != nil {
		t.Errorf("JSONP /jsonp?q=? sent ?%s: %v", s.all()[n].URL.RawQuery, err)
	}
}

// fetch gives a 205 (Reset Content) a null body, like 204 and 304
// (Fetch: "null body status"), so Taro's data is null (json) or "" (text);
// taroreq parses whatever body the server sent.
func Test205HasNoData(t *testing.T) {
	srv, _ := reviewServer(t)
	c := client.New(client.WithBaseURL(srv.URL))
	resp, err := c.Request(context.Background(), client.Option{URL: "/205"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Data != nil {
		t.Errorf("205: Data = %#v; fetch (Taro) gives null: 205 is a null body status", resp.Data)
	}
}
