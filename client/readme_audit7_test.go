package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

func TestReadmeCredentialsSameOriginOnlyBase(t *testing.T) {
	var gotB []string
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotB = append(gotB, r.Header.Get("Cookie"))
		http.SetCookie(w, &http.Cookie{Name: "bsid", Value: "B", Path: "/"})
		w.Write([]byte(`{}`))
	}))
	defer b.Close()
	var gotA []string
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotA = append(gotA, r.Header.Get("Cookie"))
		if r.URL.Path == "/to-b" {
			http.Redirect(w, r, b.URL+"/r", 302)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: "asid", Value: "A", Path: "/"})
		w.Write([]byte(`{}`))
	}))
	defer a.Close()
	c := client.New(client.WithBaseURL(a.URL))
	ctx := context.Background()
	so := client.CredentialsSameOrigin
	c.Request(ctx, client.Option{URL: "/login", Credentials: so})
	c.Request(ctx, client.Option{URL: "/x", Credentials: so})
	c.Request(ctx, client.Option{URL: b.URL + "/direct", Credentials: so, Mode: client.ModeCORS})
	c.Request(ctx, client.Option{URL: "/to-b", Credentials: so, Mode: client.ModeCORS})
	c.Request(ctx, client.Option{URL: b.URL + "/check", Credentials: client.CredentialsInclude, Mode: client.ModeCORS})
	t.Logf("A got %q, B got %q", gotA, gotB)
	if gotA[1] != "asid=A" {
		t.Errorf("same-origin did not send A's cookie: %q", gotA)
	}
	if gotB[len(gotB)-1] != "" {
		t.Errorf("a cookie B set during Credentials same-origin calls was written to the jar: %q", gotB)
	}
}
