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
	"github.com/taroreq/taroreq/middleware"
)

// TestNestedClientKeepsABackupsCookieForItsOrigin: a client over another
// client's Transport() whose call the inner client answered from the call's
// backup (the call's Backup goes down with it) kept the backup origin's
// Set-Cookie in its jar under the call's first URL, and sent it to that
// origin on the next call.
func TestNestedClientKeepsABackupsCookieForItsOrigin(t *testing.T) {
	var mu sync.Mutex
	var cookiesAtA []string
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		cookiesAtA = append(cookiesAtA, r.Header.Get("Cookie"))
		mu.Unlock()
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer a.Close()
	backup := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "sid", Value: "backups-session"})
		w.Write([]byte("ok"))
	}))
	defer backup.Close()
	inner := client.New()
	outer := client.New(client.WithTransport(inner.Transport()))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for range 2 {
		resp, err := outer.Request(ctx, client.Option{URL: a.URL + "/x", Mode: client.ModeCORS, Credentials: client.CredentialsInclude,
			RetryTimes: client.NoRetry, Backup: []string{backup.URL + "/b"}})
		if err != nil || string(resp.Raw) != "ok" {
			t.Fatalf("the backup did not answer: %v", err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(cookiesAtA) != 2 {
		t.Fatalf("A got %d requests, want 2", len(cookiesAtA))
	}
	for i, ck := range cookiesAtA {
		if strings.Contains(ck, "backups-session") {
			t.Errorf("call %d: A got the backup origin's cookie: %q", i+1, ck)
		}
	}
}

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

// A client over another client's Transport() tries its call's Backup
// itself: the inner client, which sees the same call, used to fail over to
// it too, so the backup's answer came back as the primary's (Response.URL
// the failed URL, the outer store and HTTP cache filing it there, its
// Set-Cookie filed under the primary's origin: review24b, trustfuzz24).
// Each URL is asked once, through the inner client as a request of its
// own, and the answer says the backup's URL, as a single client's does.
func TestNestedClientLeavesTheCallsBackupsToTheCallingClient(t *testing.T) {
	var mu sync.Mutex
	var asked, through []string
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.Path)
		mu.Unlock()
		if r.URL.Path == "/down" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`{"v":"1"}`))
	}))
	defer api.Close()
	inner := client.New()
	seen := func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		through = append(through, r.URL.Path)
		mu.Unlock()
		return inner.Transport().RoundTrip(r)
	}
	outer := client.New(client.WithTransport(middleware.RoundTripperFunc(seen)))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	res, err := outer.Request(ctx, client.Option{URL: api.URL + "/down", RetryTimes: client.NoRetry, Backup: []string{api.URL + "/ok"}})
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if got := strings.Join(asked, ","); got != "/down,/ok" {
		t.Errorf("the origin was asked %s, want /down,/ok", got)
	}
	if got := strings.Join(through, ","); got != "/down,/ok" {
		t.Errorf("the inner client was handed %s, want /down,/ok (the backup as a request of the outer's)", got)
	}
	if res.URL != api.URL+"/ok" || res.Attempts != 2 {
		t.Errorf("Response.URL %s, Attempts %d; want the backup's URL and 2", res.URL, res.Attempts)
	}
}
