package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

type queryTokenUserKey struct{}

// A layer that authenticates each request with its caller's token in the
// query (?access_token=, the README's own example of a layer changing the
// URL) runs again on every redirect hop (an outer layer) or every attempt
// and backup (an inner layer). Its token must not reach another origin than
// the call's first, as the headers such a layer sets never do
// (TestLayerCredentialsNeverFollowRedirectAcross), nor a backup of another
// origin, which never gets the Data's access_token either.
func TestLayerQueryTokenNeverFollowsAcross(t *testing.T) {
	for _, where := range []string{"outer", "inner"} {
		t.Run(where, func(t *testing.T) { layerQueryTokenStaysHome(t, where) })
	}
}

func layerQueryTokenStaysHome(t *testing.T, where string) {
	var mu sync.Mutex
	seen := map[string]string{}
	record := func(r *http.Request) {
		mu.Lock()
		seen[r.URL.Path] = r.URL.Query().Get("access_token")
		mu.Unlock()
	}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record(r)
		w.Write([]byte(`{}`))
	}))
	defer other.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record(r)
		if r.URL.Path == "/start" {
			http.Redirect(w, r, other.URL+"/away", http.StatusFound)
			return
		}
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer api.Close()
	token := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			r := req.Clone(req.Context())
			q := r.URL.Query()
			q.Set("access_token", req.Context().Value(queryTokenUserKey{}).(string))
			r.URL.RawQuery = q.Encode()
			return next.RoundTrip(r)
		})
	}
	layers := client.WithOuterLayers(token)
	if where == "inner" {
		layers = client.WithInnerLayers(token)
	}
	c := client.New(client.WithBaseURL(api.URL), layers)
	ctx := context.WithValue(context.Background(), queryTokenUserKey{}, "alice-secret")
	if _, err := c.Request(ctx, client.Option{URL: "/start", Mode: client.ModeCORS}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Request(ctx, client.Option{URL: "/down", Mode: client.ModeCORS, RetryTimes: client.NoRetry,
		Backup: []string{other.URL + "/backup"}}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if seen["/start"] != "alice-secret" {
		t.Fatalf("the first origin saw %q; want the token", seen["/start"])
	}
	if got := seen["/away"]; got != "" {
		t.Errorf("redirect hop to another origin carried the %s layer's query token %q", where, got)
	}
	if got := seen["/backup"]; got != "" {
		t.Errorf("backup on another origin carried the %s layer's query token %q", where, got)
	}
}

// What the client made stays: a secret the caller wrote in a backup URL of
// another origin, and one the redirecting server put in its Location, go
// where they were written for, an inner layer's token beside them or not.
func TestMadeQuerySecretsStayAcross(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]string{}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[r.URL.Path] = r.URL.RawQuery
		mu.Unlock()
		w.Write([]byte(`{}`))
	}))
	defer other.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/start" {
			http.Redirect(w, r, other.URL+"/away?code=1&access_token=from-location", http.StatusFound)
			return
		}
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer api.Close()
	token := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			r := req.Clone(req.Context())
			r.URL.RawQuery += "&api_key=layer-secret"
			return next.RoundTrip(r)
		})
	}
	c := client.New(client.WithBaseURL(api.URL), client.WithInnerLayers(token))
	ctx := context.Background()
	if _, err := c.Request(ctx, client.Option{URL: "/start", Mode: client.ModeCORS}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Request(ctx, client.Option{URL: "/down", Mode: client.ModeCORS, RetryTimes: client.NoRetry,
		Data:   map[string]any{"page": 2, "access_token": "data-secret"},
		Backup: []string{other.URL + "/backup?api_key=written-for-backup"}}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if got, want := seen["/away"], "code=1&access_token=from-location"; got != want {
		t.Errorf("the hop got %q, want %q", got, want)
	}
	if got, want := seen["/backup"], "api_key=written-for-backup&page=2"; got != want {
		t.Errorf("the backup got %q, want %q", got, want)
	}
}

// An inner layer that rewrites the path (an API version prefix) adds no
// secret: what the caller wrote in the backup URL must still reach the
// backup (README: "what you or the server wrote there stays").
func TestBackupQueryKeptWhenAnInnerLayerRewritesThePath(t *testing.T) {
	var got string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.Path + "?" + r.URL.RawQuery
		w.Write([]byte(`{}`))
	}))
	defer other.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer api.Close()
	prefix := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			r := req.Clone(req.Context())
			if !strings.HasPrefix(r.URL.Path, "/v2") {
				r.URL.Path = "/v2" + r.URL.Path
			}
			return next.RoundTrip(r)
		})
	}
	c := client.New(client.WithBaseURL(api.URL), client.WithInnerLayers(prefix))
	_, err := c.Request(context.Background(), client.Option{URL: "/items", Mode: client.ModeCORS,
		RetryTimes: client.NoRetry, Backup: []string{other.URL + "/items?api_key=written-for-backup"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "/v2/items?api_key=written-for-backup"; got != want {
		t.Errorf("backup got %q, want %q", got, want)
	}
}

// An inner layer that fetches something with the request's context (a
// token refresh through another taroreq client, a common pattern) runs a
// call of its own. When the outer request is a backup of another origin,
// the backup layer's MadeURL mark rides along in that context, which madeQuery must not
// trust for another call: the nested call's redirect
// to a signed URL of a third origin loses the signature the server wrote in
// its Location (README: "the secret query parameters ... they added to the
// URL the client made for that request (the backup's, the Location's: what
// you or the server wrote there stays)").
func TestANestedCallKeepsItsLocationsSecret(t *testing.T) {
	var mu sync.Mutex
	var signedQuery string
	signed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		signedQuery = r.URL.RawQuery
		mu.Unlock()
		w.Write([]byte(`{"token":"t"}`))
	}))
	defer signed.Close()
	auth := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, signed.URL+"/blob?X-Amz-Signature=abc123&X-Amz-Expires=60", http.StatusFound)
	}))
	defer auth.Close()
	backupSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"ok":true}`))
	}))
	defer backupSrv.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer api.Close()

	authClient := client.New(client.WithBaseURL(auth.URL))
	var nestedErr error
	fetchToken := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			if req.URL.Host == mustHost(backupSrv.URL) {
				_, err := authClient.Request(req.Context(), client.Option{URL: "/token", Mode: client.ModeCORS})
				mu.Lock()
				nestedErr = err
				mu.Unlock()
			}
			return next.RoundTrip(req)
		})
	}
	c := client.New(client.WithBaseURL(api.URL), client.WithInnerLayers(fetchToken))
	if _, err := c.Request(context.Background(), client.Option{URL: "/data", Mode: client.ModeCORS,
		RetryTimes: client.NoRetry, Backup: []string{backupSrv.URL + "/bk"}}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if nestedErr != nil {
		t.Fatalf("nested call: %v", nestedErr)
	}
	if signedQuery != "X-Amz-Signature=abc123&X-Amz-Expires=60" {
		t.Errorf("the nested call's redirect reached the signed URL with query %q; want the Location's %q",
			signedQuery, "X-Amz-Signature=abc123&X-Amz-Expires=60")
	}
}

func mustHost(raw string) string {
	u, err := http.NewRequest("GET", raw, nil)
	if err != nil {
		panic(err)
	}
	return u.URL.Host
}
