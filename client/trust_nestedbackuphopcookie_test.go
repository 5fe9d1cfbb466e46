package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A client over another client's Transport() follows A's redirect to B,
// attaching its jar's cookie for B to that hop; B fails, and the inner
// client's backup layer sends the hop on to the call's backup on A: the
// cookie the outer jar chose for B went with it to A (trustfuzz24's
// nested runs: B's session cookie at A).
func TestNestedClientBackupOfAHopGoesWithoutTheHopsJarCookies(t *testing.T) {
	var mu sync.Mutex
	var atA []string
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/login" {
			http.SetCookie(w, &http.Cookie{Name: "sidB", Value: "bob-at-B"})
			return
		}
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer b.Close()
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/start" {
			http.Redirect(w, r, b.URL+"/x", http.StatusFound)
			return
		}
		mu.Lock()
		atA = append(atA, r.URL.Path+" "+r.Header.Get("Cookie"))
		mu.Unlock()
		_, _ = w.Write([]byte("backup"))
	}))
	defer a.Close()
	inner := client.New()
	outer := client.New(client.WithTransport(inner.Transport()))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	opt := client.Option{Mode: client.ModeCORS, Credentials: client.CredentialsInclude, RetryTimes: client.NoRetry}
	login := opt
	login.URL = b.URL + "/login"
	if _, err := outer.Request(ctx, login); err != nil {
		t.Fatal(err)
	}
	call := opt
	call.URL, call.Backup = a.URL+"/start", []string{a.URL + "/b"}
	resp, err := outer.Request(ctx, call)
	if err != nil || string(resp.Raw) != "backup" {
		t.Fatalf("the backup did not answer: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(atA) == 0 {
		t.Fatal("the backup on A was not asked")
	}
	for _, got := range atA {
		if strings.Contains(got, "bob-at-B") {
			t.Errorf("A got B's cookie: %q", got)
		}
	}
}
