package client_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestResponseHeaderLinesAndCookiesAsREADMESays: the README tells a port
// from Taro how Response.Header and Response.Cookies differ from Taro's
// res.header (fetch's lines of a name joined by ", ") and WeChat's cookies:
// each line a value of its own, and every Set-Cookie line that parses in
// Cookies, under the default Credentials (omit) too, one that does not left
// out of Cookies but kept in Header.
func TestResponseHeaderLinesAndCookiesAsREADMESays(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Add("X-Multi", "1")
		w.Header().Add("X-Multi", "2")
		w.Header().Add("Set-Cookie", "a=1; Path=/")
		w.Header().Add("Set-Cookie", "=v")
		w.Header().Add("Set-Cookie", "b=2; HttpOnly")
	})
	for _, cred := range []client.Credentials{"", client.CredentialsInclude} {
		resp, err := fastClient().Request(context.Background(), client.Option{URL: srv.URL + "/h", Credentials: cred})
		if err != nil {
			t.Fatalf("credentials %q: %v", cred, err)
		}
		if got := resp.Header.Values("X-Multi"); !slices.Equal(got, []string{"1", "2"}) || resp.Header.Get("X-Multi") != "1" {
			t.Errorf("credentials %q: X-Multi values %q, want each line a value", cred, got)
		}
		if got := resp.Header.Values("Set-Cookie"); len(got) != 3 {
			t.Errorf("credentials %q: Set-Cookie lines %q, want all three in Header", cred, got)
		}
		var names []string
		for _, ck := range resp.Cookies {
			names = append(names, ck.Name+"="+ck.Value)
		}
		if !slices.Equal(names, []string{"a=1", "b=2"}) {
			t.Errorf("credentials %q: Cookies %q, want the two lines that parse", cred, names)
		}
	}
}
