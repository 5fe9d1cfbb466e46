package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
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
