package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A backup of another origin gets neither the credential headers nor a
// token given as GET data (Taro's usual `data: {token}`, which becomes the
// query); the other query data still reaches it.
func TestBackupOtherOriginGetsNoQueryToken(t *testing.T) {
	primary := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) }))
	defer primary.Close()
	var mu sync.Mutex
	var gotAuth, gotQuery string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		gotAuth, gotQuery = r.Header.Get("Authorization"), r.URL.RawQuery
		mu.Unlock()
		w.Write([]byte(`{}`))
	}))
	defer other.Close()
	c := client.New()
	_, err := c.Request(context.Background(), client.Option{
		URL: primary.URL + "/api", Backup: []string{other.URL + "/api"}, Mode: client.ModeCORS, RetryTimes: -1,
		Header: http.Header{"Authorization": {"Bearer hdr-SECRET"}},
		Data:   map[string]any{"access_token": "q-SECRET", "page": 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if gotAuth != "" {
		t.Fatalf("Authorization reached the other origin: %q", gotAuth)
	}
	if gotQuery != "page=1" {
		t.Fatalf("the backup on another origin got the query %q", gotQuery)
	}
}

// A backup of the same origin is the same party: it gets the query whole.
func TestBackupSameOriginGetsQueryToken(t *testing.T) {
	var mu sync.Mutex
	var gotQuery string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api" {
			w.WriteHeader(503)
			return
		}
		mu.Lock()
		gotQuery = r.URL.RawQuery
		mu.Unlock()
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	_, err := client.New().Request(context.Background(), client.Option{
		URL: srv.URL + "/api", Backup: []string{srv.URL + "/backup"}, RetryTimes: -1,
		Data: map[string]any{"access_token": "q-token", "page": 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if gotQuery != "access_token=q-token&page=1" {
		t.Fatalf("the backup on the same origin got the query %q", gotQuery)
	}
}

// README (Security): a query parameter is secret when its name "looks secret
// by the same rule" (contains token, key, secret, ... session ...), or when
// its JSON value has a member so named. "cookies" (a consent flag) is none
// of these; the backup row drops only "query data fields named like a
// secret (access_token, api_key…)". A backup on another origin must get the
// rest of the query data.
func TestBackupKeepsQueryDataNamedLikeCookies(t *testing.T) {
	var got string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.RawQuery
		w.Write([]byte(`{}`))
	}))
	defer other.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer api.Close()
	c := client.New(client.WithBaseURL(api.URL))
	_, err := c.Request(context.Background(), client.Option{URL: "/items", Mode: client.ModeCORS,
		RetryTimes: client.NoRetry, Backup: []string{other.URL + "/items"},
		Data: map[string]any{"consent": map[string]any{"cookies": true}, "cookies": "accepted", "page": 2}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "consent=%7B%22cookies%22%3Atrue%7D&cookies=accepted&page=2"; got != want {
		t.Errorf("backup got %q, want %q", got, want)
	}
}

// A secret-named parameter whose value holds a raw ';' (string Data as a
// browser sends it: ';' is not escaped) is, to a server that splits on '&'
// alone, one value: password="abc;SEKRET". The backup on another origin
// must get no part of it; the error text neither.
func TestSecretValueWithSemicolonStaysWithItsOrigin(t *testing.T) {
	got := make(chan string, 1)
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.URL.RawQuery
		w.Write([]byte(`{}`))
	}))
	defer other.Close()
	primary := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) }))
	defer primary.Close()
	c := client.New(client.WithBaseURL(primary.URL))
	if _, err := c.Request(context.Background(), client.Option{URL: "/login", Data: "page=1&password=abc;SEKRET",
		Backup: []string{other.URL + "/login"}, Mode: client.ModeCORS, RetryTimes: client.NoRetry}); err != nil {
		t.Fatal(err)
	}
	if q := <-got; strings.Contains(q, "SEKRET") {
		t.Errorf("the backup on another origin got ?%s: part of the password", q)
	}
}
