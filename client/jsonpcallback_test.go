package client_test

// Behaviours of Taro H5 and jsonp-retry found by the taro-diff review
// (cases rv-*): JSONP's callback parameter, a query value ending in '?',
// JSONP's method, a 205's body.

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// jsonpCallbackServer answers /jsonp... with name(...) for the FIRST callback
// value, as Express's res.jsonp and most JSONP servers do, /205 with a 205
// and a body, anything else with JSON.
func jsonpCallbackServer(t *testing.T) *recorder {
	return newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/205":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(205)
			_, _ = w.Write([]byte(`{"status":205}`))
		case strings.HasPrefix(r.URL.Path, "/jsonp"):
			cb := r.URL.Query().Get("callback")
			if cb == "" {
				cb = "callback"
			}
			w.Header().Set("Content-Type", "application/javascript")
			_, _ = w.Write([]byte(cb + `({"code":0});`))
		default:
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"code":0}`))
		}
	})
}

// sent returns the requests srv got, in order.
func (r *recorder) sent() []seen {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]seen(nil), r.reqs...)
}

// JSONP loads a script, with a GET: a HEAD is refused as a POST is, with
// nothing sent.
func TestJSONPWithHeadRefused(t *testing.T) {
	srv := jsonpCallbackServer(t)
	_, err := client.New(client.WithBaseURL(srv.URL)).Request(context.Background(),
		client.Option{URL: "/jsonp", JSONP: true, Method: "HEAD", RetryTimes: client.NoRetry})
	if !errors.Is(err, client.ErrInvalidOption) || srv.count.Load() != 0 {
		t.Fatalf("JSONP with Method HEAD: sent %d request(s), err %v; want ErrInvalidOption with nothing sent",
			srv.count.Load(), err)
	}
}

// A callback=<name> that the URL (or the data) already carries is the
// callback, and callback=? is given the generated name, as jsonp-retry
// does: one callback parameter, which the server answers.
func TestJSONPUsesTheCallbackTheURLCarries(t *testing.T) {
	srv := jsonpCallbackServer(t)
	c := client.New(client.WithBaseURL(srv.URL))
	for _, tc := range []struct {
		name string
		opt  client.Option
	}{
		{"url callback=fixedCb", client.Option{URL: "/jsonp?callback=fixedCb", JSONP: true, RetryTimes: client.NoRetry}},
		{"url callback=?", client.Option{URL: "/jsonp?callback=?", JSONP: true, RetryTimes: client.NoRetry}},
		{"data callback", client.Option{URL: "/jsonp", JSONP: true, Data: map[string]string{"callback": "dataCb"}, RetryTimes: client.NoRetry}},
	} {
		n := len(srv.sent())
		resp, err := c.Request(context.Background(), tc.opt)
		q := ""
		if reqs := srv.sent(); len(reqs) > n {
			q = reqs[n].RawQuery
		}
		if err != nil {
			t.Errorf("%s: query sent %q: %v", tc.name, q, err)
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
	srv := jsonpCallbackServer(t)
	c := client.New(client.WithBaseURL(srv.URL))
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL + "/down?callback=fixedCb", JSONP: true,
		Backup: []string{"/jsonp"}, RetryTimes: client.NoRetry, Data: map[string]string{"a": "1"}})
	reqs := srv.sent()
	if err != nil || len(reqs) != 2 {
		t.Fatalf("resp %+v err %v, %d requests", resp, err, len(reqs))
	}
	if q, _ := url.ParseQuery(reqs[1].RawQuery); q.Get("callback") != "fixedCb" || q.Get("a") != "1" {
		t.Errorf("backup query %q; want callback=fixedCb and the data", reqs[1].RawQuery)
	}
}

// Query data is appended with '?' or '&' as needed: a '?' ending a value
// of the URL's query (q=?) is no separator. Taro's fetch path and
// jsonp-retry send ?q=?a=1, so q is "?a=1" and a, or the callback, is lost.
func TestQueryValueEndingInQuestionMark(t *testing.T) {
	srv := jsonpCallbackServer(t)
	c := client.New(client.WithBaseURL(srv.URL))
	if _, err := c.Request(context.Background(), client.Option{URL: "/x?q=?", Data: map[string]string{"a": "1"}}); err != nil {
		t.Fatal(err)
	}
	if q, _ := url.ParseQuery(srv.sent()[0].RawQuery); q.Get("a") != "1" || q.Get("q") != "?" {
		t.Errorf("GET /x?q=? with data a=1 sent ?%s; want q=\"?\" a=\"1\"", srv.sent()[0].RawQuery)
	}
	if _, err := c.Request(context.Background(), client.Option{URL: "/jsonp?q=?", JSONP: true, RetryTimes: client.NoRetry}); err != nil {
		t.Errorf("JSONP /jsonp?q=? sent ?%s: %v", srv.sent()[1].RawQuery, err)
	}
}

// fetch gives a 205 (Reset Content) a null body, as a 204 and a 304 (a
// null body status), so Taro's data is null; so is Data.
func Test205HasNoData(t *testing.T) {
	srv := jsonpCallbackServer(t)
	resp, err := client.New(client.WithBaseURL(srv.URL)).Request(context.Background(), client.Option{URL: "/205"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Data != nil || len(resp.Raw) != 0 {
		t.Errorf("205: Data = %#v, Raw %q; want none", resp.Data, resp.Raw)
	}
}

// A backup URL whose callback parameter names none (callback=?, or no
// value) is sent with the call's callback alone, which it then answers
// (one that names another is sent with it: TestJSONPBackupNamesItsCallback).
func TestJSONPBackupURLWithItsOwnCallback(t *testing.T) {
	for _, backup := range []string{"/jsonp?callback=?", "/jsonp?x=1&callback=?#f", "/jsonp?callback"} {
		srv := jsonpCallbackServer(t)
		c := client.New(client.WithBaseURL(srv.URL))
		_, err := c.Request(context.Background(), client.Option{URL: "/down", JSONP: true, JSONPCallback: "cb",
			Backup: []string{backup}, RetryTimes: client.NoRetry})
		reqs := srv.sent()
		if err != nil || len(reqs) != 2 {
			t.Fatalf("%s: err %v, %d requests", backup, err, len(reqs))
		}
		if q := reqs[1].RawQuery; strings.Count(q, "callback") != 1 || !strings.Contains(q, "callback=cb") {
			t.Errorf("%s: backup sent ?%s; want one callback, cb", backup, q)
		}
	}
}

// README Header: JSONP requests carry the caller's headers too (a <script>
// load cannot; a Go client can).
func TestJSONPCarriesTheHeaders(t *testing.T) {
	srv := jsonpCallbackServer(t)
	_, err := client.New(client.WithBaseURL(srv.URL)).Request(context.Background(),
		client.Option{URL: "/jsonp", JSONP: true, Header: http.Header{"X-Test": {"v1"}}})
	if reqs := srv.sent(); err != nil || len(reqs) != 1 || reqs[0].Header.Get("X-Test") != "v1" {
		t.Fatalf("err %v, %d requests; want one carrying X-Test: v1", err, len(reqs))
	}
}
