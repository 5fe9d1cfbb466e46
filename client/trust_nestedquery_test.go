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

// GET Data with a nested object is sent as JSON text in one query field
// (filter={"api_key":…}): a secret-named member in it makes the field as
// secret as a top-level access_token. A backup on another origin gets
// neither; the same origin's backup gets both; and the failed call's error
// text holds no secret.
func TestNestedSecretQueryFieldsStayWithTheirOrigin(t *testing.T) {
	primary := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer primary.Close()
	got := make(chan string, 4)
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.URL.RawQuery
		w.Write([]byte(`{}`))
	}))
	defer other.Close()
	data := map[string]any{"page": 1, "auth": map[string]any{"access_token": "s3cret"},
		"filter": []any{map[string]any{"api_key": "s3cret"}}, "tags": []string{"a"}}
	c := client.New(client.WithBaseURL(primary.URL))
	if _, err := c.Request(context.Background(), client.Option{URL: "/search", Data: data, Mode: client.ModeCORS,
		Backup: []string{other.URL + "/search"}, RetryTimes: client.NoRetry}); err != nil {
		t.Fatal(err)
	}
	if q := <-got; strings.Contains(q, "s3cret") || !strings.Contains(q, "page=1") || !strings.Contains(q, "tags=") {
		t.Fatalf("the backup on another origin got %q: want page and tags, no secret", q)
	}

	// The secrets are the origin's own: it is sent them.
	c = client.New(client.WithBaseURL(other.URL))
	if _, err := c.Request(context.Background(), client.Option{URL: "/search", Data: data,
		Backup: []string{"/search2"}, RetryTimes: client.NoRetry}); err != nil {
		t.Fatal(err)
	}
	if q := <-got; strings.Count(q, "s3cret") != 2 {
		t.Fatalf("the first URL's own origin got %q: want both nested secrets", q)
	}

	c = client.New(client.WithBaseURL(primary.URL))
	resp, err := c.Request(context.Background(), client.Option{URL: "/search", Data: data,
		Backup: []string{"/search2"}, RetryTimes: client.NoRetry})
	if err == nil {
		t.Fatal("want an error: every URL answers 503")
	}
	if strings.Contains(err.Error(), "s3cret") || strings.Contains(resp.ErrMsg, "s3cret") {
		t.Fatalf("the error text holds the secret: %v / %s", err, resp.ErrMsg)
	}
	if !strings.Contains(err.Error(), "filter=REDACTED") {
		t.Fatalf("the error text should name the redacted field: %v", err)
	}
}

// The same with a ';' (a sort spec) or a '%' without two hex digits (a
// discount) inside the JSON, as a string Data sends them: a server that
// splits on '&' alone, and decodes leniently, reads the secret member all
// the same, so it never reaches another origin.
func TestNestedSecretWithSemicolonOrPercentStaysWithItsOrigin(t *testing.T) {
	var mu sync.Mutex
	var got []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.URL.RawQuery)
		mu.Unlock()
		w.Write([]byte(`{}`))
	}))
	defer other.Close()
	primary := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) }))
	defer primary.Close()
	c := client.New(client.WithBaseURL(primary.URL))
	for _, data := range []string{
		`page=1&filter={"api_key":"SEKRET-PLAIN"}`,
		`page=1&filter={"api_key":"SEKRET-SEMI","sort":"name;desc"}`,
		`page=1&filter={"sort":"name;desc","api_key":"SEKRET;SEMI2"}`,
		`page=1&filter={"api_key":"SEKRET-PCT","discount":"10%"}`,
	} {
		if _, err := c.Request(context.Background(), client.Option{URL: "/search", Data: data,
			Backup: []string{other.URL + "/search"}, Mode: client.ModeCORS, RetryTimes: client.NoRetry}); err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 4 {
		t.Fatalf("the backup got %d requests, want 4", len(got))
	}
	for _, q := range got {
		if strings.Contains(q, "SEKRET") || strings.Contains(q, "SEMI") || q != "page=1" {
			t.Errorf("the backup on another origin got ?%s, want page=1 alone", q)
		}
	}
}
