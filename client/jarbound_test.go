package client_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestJarBoundsCookiesPerSite: the default jar keeps at most 180 cookies a
// site, as a browser does: a server setting ever more names cannot grow it
// (and every later request's Cookie header) without end. Past the bound a
// new name is not kept; a held one is still replaced; a deleted one frees
// its place; another site keeps its own share.
func TestJarBoundsCookiesPerSite(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		var from, to int
		fmt.Sscan(q.Get("from"), &from)
		fmt.Sscan(q.Get("to"), &to)
		for i := from; i < to; i++ {
			ck := &http.Cookie{Name: fmt.Sprintf("c%d", i), Value: q.Get("v"), Path: "/"}
			if q.Get("delete") != "" {
				ck.MaxAge = -1
			}
			http.SetCookie(w, ck)
		}
		_, _ = fmt.Fprint(w, len(r.Cookies()))
	})
	c := client.New()
	ctx := context.Background()
	call := func(base, query string) int {
		t.Helper()
		r, err := c.Request(ctx, client.Option{URL: base + "/?" + query, Credentials: client.CredentialsInclude, DataType: "text"})
		if err != nil {
			t.Fatal(err)
		}
		var n int
		fmt.Sscan(r.Data.(string), &n)
		return n
	}
	ip := srv.URL
	if n := call(ip, "from=0&to=300&v=a") + call(ip, ""); n != 180 {
		t.Fatalf("after 300 names: %d cookies sent, want 180", n)
	}
	call(ip, "from=0&to=10&v=b")         // held: replaced
	call(ip, "from=170&to=180&delete=1") // 10 places freed
	call(ip, "from=200&to=215&v=c")      // 10 of these fit
	if n := call(ip, ""); n != 180 {
		t.Fatalf("after deleting 10 and setting 15 new: %d cookies, want 180", n)
	}
	other := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	if n := call(other, "from=0&to=50&v=d") + call(other, ""); n != 50 {
		t.Fatalf("another site: %d cookies, want its own 50", n)
	}
}

// TestJarIgnoresCookiesOverTheSizeBound: a cookie whose name and value
// are over 4096 bytes together is ignored, as browsers do (RFC 6265bis
// §5.6), over http and https alike; one of 4096 is kept and sent.
func TestJarIgnoresCookiesOverTheSizeBound(t *testing.T) {
	atBound := strings.Repeat("v", 4096-len("ok"))
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/set" {
			http.SetCookie(w, &http.Cookie{Name: "ok", Value: atBound})
			http.SetCookie(w, &http.Cookie{Name: "big", Value: atBound + "x"})
			http.SetCookie(w, &http.Cookie{Name: "small", Value: "1"})
		}
		_, _ = w.Write([]byte(r.Header.Get("Cookie")))
	})
	c := client.New(client.WithBaseURL(srv.URL))
	ctx := context.Background()
	if _, err := c.Request(ctx, client.Option{URL: "/set", Credentials: client.CredentialsInclude, DataType: "text"}); err != nil {
		t.Fatal(err)
	}
	r, err := c.Request(ctx, client.Option{URL: "/echo", Credentials: client.CredentialsInclude, DataType: "text"})
	if err != nil {
		t.Fatal(err)
	}
	got := string(r.Raw)
	if strings.Contains(got, "big=") || !strings.Contains(got, "ok="+atBound) || !strings.Contains(got, "small=1") {
		t.Fatalf("Cookie sent: %d bytes, big %v, ok %v, small %v; want ok and small, not big",
			len(got), strings.Contains(got, "big="), strings.Contains(got, "ok="), strings.Contains(got, "small=1"))
	}
}
