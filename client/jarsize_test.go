package client_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

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
