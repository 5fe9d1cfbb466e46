package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

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
