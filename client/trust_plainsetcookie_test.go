package client_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/store"
)

// Two users, each with an http.Client and its own jar over one client's
// Transport: the first, anonymous, gets a page made for the session its
// answer opens (Set-Cookie: sid=u1, "page of u1"), which its jar takes. The
// second, anonymous too, must not be served that page from the HTTP cache
// (nor written to the store under the anonymous partition): it is u1's, as
// a client's answer is its session's when its jar took a cookie under way
// and is then not written. It gets a session of its own.
func TestPlainClientsDoNotShareAnAnswerThatOpensASession(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		k := n.Add(1)
		if r.Header.Get("Cookie") == "" {
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: fmt.Sprint("u", k), Path: "/"})
		}
		w.Header().Set("Cache-Control", "max-age=60")
		fmt.Fprintf(w, "page of u%d", k)
	}))
	defer srv.Close()
	st := &countingStore{Store: store.NewMemory()}
	c := client.New(client.WithHTTPCache(), client.WithStore(st))
	for u := 1; u <= 2; u++ {
		jar, _ := cookiejar.New(nil)
		hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect, Jar: jar}
		resp, err := hc.Get(srv.URL + "/welcome")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if want := fmt.Sprint("page of u", u); string(b) != want {
			t.Errorf("user %d got %q, want %q", u, b, want)
		}
		if got := jar.Cookies(resp.Request.URL); len(got) != 1 || got[0].Value != fmt.Sprint("u", u) {
			t.Errorf("user %d's jar holds %v, want its own session u%d", u, got, u)
		}
	}
	if n := st.sets.Load(); n != 0 {
		t.Errorf("the store was written %d times, want none: a session's page is no anonymous caller's", n)
	}
}
