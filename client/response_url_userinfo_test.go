package client_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// Response.URL is the URL that answered as fetch's Response.url shows it:
// without userinfo (fetch refuses a URL with credentials; taroreq sends them
// as Authorization and keeps them out of what it hands back). The user:pass
// of Option.URL, or of a Location on the same origin, is a secret that would
// reach anything that prints the response, %v and %+v included. The
// credentials still go out, as Basic authorization.
func TestResponseURLHasNoUserinfo(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/self":
			w.Header().Set("Location", "http://loc:s3cretLoc@"+r.Host+"/done?q=1")
			w.WriteHeader(http.StatusFound)
		case "/fail":
			w.WriteHeader(http.StatusServiceUnavailable)
		default:
			w.Header().Set("Cache-Control", "max-age=60")
			w.Write([]byte(`{"v":"7"}`))
		}
	})
	host := strings.TrimPrefix(srv.URL, "http://")
	c := client.New(client.WithHTTPCache())
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, o := range []struct {
		name string
		opt  client.Option
		want string
	}{
		{"primary", client.Option{URL: "http://alice:s3cretA@" + host + "/x?page=2#frag"}, srv.URL + "/x?page=2"},
		{"token as the user", client.Option{URL: "http://s3cretTok@" + host + "/x"}, srv.URL + "/x"},
		{"HTTP cache", client.Option{URL: "http://alice:s3cretA@" + host + "/x?page=2"}, srv.URL + "/x?page=2"},
		{"store", client.Option{URL: "http://alice:s3cretA@" + host + "/y", UseStore: true, StoreCheckKey: "v", StoreSign: "7"}, srv.URL + "/y"},
		{"store hit", client.Option{URL: "http://alice:s3cretA@" + host + "/y", UseStore: true, StoreCheckKey: "v", StoreSign: "7"}, srv.URL + "/y"},
		{"same-origin redirect", client.Option{URL: srv.URL + "/self"}, srv.URL + "/done?q=1"},
		{"failed", client.Option{URL: "http://alice:s3cretA@" + host + "/fail", RetryTimes: client.NoRetry}, srv.URL + "/fail"},
		{"backup", client.Option{URL: "http://alice:s3cretA@" + host + "/fail", RetryTimes: client.NoRetry,
			Backup: []string{"http://bob:s3cretB@" + host + "/z"}}, srv.URL + "/z"},
	} {
		resp, err := c.Request(ctx, o.opt)
		if o.name != "failed" && err != nil {
			t.Fatalf("%s: %v", o.name, err)
		}
		if resp.URL != o.want {
			t.Errorf("%s: URL %q, want %q", o.name, resp.URL, o.want)
		}
		for _, text := range []string{fmt.Sprint(resp), fmt.Sprintf("%+v", resp), fmt.Sprintf("%#v", resp)} {
			if strings.Contains(text, "s3cret") {
				t.Errorf("%s: the response prints a secret: %s", o.name, text)
			}
		}
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if got := srv.reqs[0].Header.Get("Authorization"); got != "Basic YWxpY2U6czNjcmV0QQ==" { // alice:s3cretA
		t.Errorf("first request's Authorization %q; want alice's Basic credentials", got)
	}
}
