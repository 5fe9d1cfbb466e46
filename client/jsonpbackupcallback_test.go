package client_test

// A JSONP backup URL that names its callback (callback=fixed) is called
// with that name, as jsonp-retry (Taro's JSONP) calls it: a common backup
// is a static script on a CDN whose callback name is fixed in the file.

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// staticJSONPServer answers /static.js with cbStatic(...) whatever the
// query says (a file), /jsonp with the first callback's call, and /down
// with a 500.
func staticJSONPServer(t *testing.T) *recorder {
	return newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/javascript")
		switch r.URL.Path {
		case "/static.js":
			_, _ = w.Write([]byte(`cbStatic({"code":0,"from":"static"});`))
		case "/jsonp":
			_, _ = w.Write([]byte(r.URL.Query().Get("callback") + `({"code":0,"from":"jsonp"});`))
		default:
			w.WriteHeader(http.StatusInternalServerError)
		}
	})
}

func TestJSONPBackupNamesItsCallback(t *testing.T) {
	srv := staticJSONPServer(t)
	c := client.New(client.WithBaseURL(srv.URL))
	for _, tc := range []struct {
		name string
		opt  client.Option
	}{
		{"generated name", client.Option{URL: "/down", JSONP: true, Data: map[string]string{"a": "1"},
			Backup: []string{"/static.js?callback=cbStatic"}, RetryTimes: client.NoRetry}},
		{"call's name", client.Option{URL: "/down", JSONPCallback: "cbCall", Data: map[string]string{"a": "1"},
			Backup: []string{"/jsonp?callback=?", "/static.js?v=2&callback=cbStatic#f"}, RetryTimes: client.NoRetry}},
	} {
		n := len(srv.sent())
		resp, err := c.Request(context.Background(), tc.opt)
		reqs := srv.sent()[n:]
		if err != nil {
			t.Errorf("%s: %v (%d requests)", tc.name, err, len(reqs))
			continue
		}
		if m, _ := resp.Data.(map[string]any); m["code"] != 0.0 {
			t.Errorf("%s: data %v", tc.name, resp.Data)
		}
		last := reqs[len(reqs)-1]
		if strings.HasPrefix(last.URL, "/static.js") {
			// the backup's own name alone, then the data and the cache-buster
			q, _ := url.ParseQuery(last.RawQuery)
			if cb := q["callback"]; len(cb) != 1 || cb[0] != "cbStatic" || q.Get("a") != "1" || q.Get("_") == "" {
				t.Errorf("%s: static backup sent ?%s; want callback=cbStatic alone, a=1 and _", tc.name, last.RawQuery)
			}
		}
	}
	// A backup answering with the call's name while its URL names another
	// fails the attempt, as the script would call a function nobody set.
	_, err := c.Request(context.Background(), client.Option{URL: "/down", JSONPCallback: "cbCall",
		Backup: []string{"/static.js?callback=other"}, RetryTimes: client.NoRetry})
	if err == nil || !strings.Contains(err.Error(), "other") {
		t.Errorf("a backup naming other answered cbStatic(...): err %v; want a JSONP error naming other", err)
	}
}

// A callback parameter after a fragment is no query parameter: the
// backup gets the call's callback, which it answers.
func TestJSONPBackupCallbackInFragmentIsNone(t *testing.T) {
	srv := staticJSONPServer(t)
	c := client.New(client.WithBaseURL(srv.URL))
	_, err := c.Request(context.Background(), client.Option{URL: "/down", JSONPCallback: "cbCall",
		Backup: []string{"/jsonp#x?callback=other"}, RetryTimes: client.NoRetry})
	if reqs := srv.sent(); err != nil || len(reqs) != 2 || !strings.Contains(reqs[1].RawQuery, "callback=cbCall") {
		t.Fatalf("err %v, requests %+v; want the backup called with cbCall", err, reqs)
	}
}

// Query data that names the callback (callback=dataCb) goes to a backup as
// jsonp-retry sends it: the data's fields in their order, the callback
// where the data has it, then the cache-buster.
func TestJSONPDataCallbackKeepsItsPlaceOnBackups(t *testing.T) {
	srv := staticJSONPServer(t)
	c := client.New(client.WithBaseURL(srv.URL))
	type data struct {
		Callback string `json:"callback"`
		A        string `json:"a"`
	}
	_, err := c.Request(context.Background(), client.Option{URL: "/down", JSONP: true, Data: data{"dataCb", "1"},
		Backup: []string{"/jsonp"}, RetryTimes: client.NoRetry})
	reqs := srv.sent()
	if err != nil || len(reqs) != 2 {
		t.Fatalf("err %v, %d requests", err, len(reqs))
	}
	for _, r := range reqs {
		if !strings.HasPrefix(r.RawQuery, "callback=dataCb&a=1&_=") {
			t.Errorf("%s: query %q; want callback=dataCb&a=1&_=<ms>, as jsonp-retry sends it", r.URL, r.RawQuery)
		}
	}
}
