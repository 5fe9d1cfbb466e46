package client_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// noSecretReached fails t when a request srv received carries one of
// secrets in a header value or its URL.
func noSecretReached(t *testing.T, srv *recorder, secrets ...string) {
	t.Helper()
	srv.mu.Lock()
	defer srv.mu.Unlock()
	for i, r := range srv.reqs {
		for _, s := range secrets {
			if strings.Contains(r.URL, s) {
				t.Errorf("request %d: URL %s carries %q", i, r.URL, s)
			}
			for k, vs := range r.Header {
				for _, v := range vs {
					if strings.Contains(v, s) {
						t.Errorf("request %d (%s): %s carries %q", i, r.URL, k, v)
					}
				}
			}
		}
	}
}

// A stream that a redirect took from A to another origin, B, and that
// breaks there is resumed on B with Range: the resumption goes without
// A's credentials (the call's headers and query, those a layer of the
// client's adds, the cookie A set), as the hop went.
func TestStreamResumedOnAnotherOriginGoesWithoutCredentials(t *testing.T) {
	full := strings.Repeat("abcdefghij", 1000)
	for _, where := range []string{"call", "outer layer", "inner layer"} {
		t.Run(where, func(t *testing.T) {
			var b *recorder
			b = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("ETag", `"v1"`)
				if b.count.Load() == 1 {
					cutAfter(w, full[:3000], len(full))
				}
				from := rangeFrom(r)
				w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", from, len(full)-1, len(full)))
				w.WriteHeader(http.StatusPartialContent)
				io.WriteString(w, full[from:])
			})
			a := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				http.SetCookie(w, &http.Cookie{Name: "asess", Value: "ALICECOOKIE"})
				http.Redirect(w, r, b.URL+"/file", http.StatusFound)
			})
			addToken := func(next http.RoundTripper) http.RoundTripper {
				return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
					r = r.Clone(r.Context())
					r.Header.Set("Authorization", "Bearer LAYERTOKEN")
					q := r.URL.Query()
					q.Set("access_token", "LAYERQUERY")
					r.URL.RawQuery = q.Encode()
					return next.RoundTrip(r)
				})
			}
			opts := []client.ClientOption{fastRetry}
			switch where {
			case "outer layer":
				opts = append(opts, client.WithOuterLayers(addToken))
			case "inner layer":
				opts = append(opts, client.WithInnerLayers(addToken))
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			resp, err := client.New(opts...).Request(ctx, client.Option{
				URL: a.URL + "/x?access_token=CALLQUERY", Mode: client.ModeCORS, Credentials: client.CredentialsInclude,
				EnableChunked: true, Header: http.Header{"Authorization": {"Bearer CALLTOKEN"}, "X-Api-Key": {"CALLKEY"}},
			})
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || string(got) != full || b.count.Load() != 2 {
				t.Fatalf("%d bytes, %v, B asked %d times; want the whole body, resumed once on B", len(got), err, b.count.Load())
			}
			noSecretReached(t, b, "CALLTOKEN", "CALLKEY", "CALLQUERY", "LAYERTOKEN", "LAYERQUERY", "ALICECOOKIE")
		})
	}
}

// An event stream that A redirects to B reconnects to A (the stream's
// URL) with Last-Event-ID, and each connection's hop to B goes without
// A's credentials.
func TestEventsReconnectedThroughARedirectGoWithoutCredentials(t *testing.T) {
	var b *recorder
	b = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		if n := b.count.Load(); n <= 2 {
			fmt.Fprintf(w, "retry: 1\nid: %d\ndata: hello\n\n", n)
			return
		}
		w.WriteHeader(http.StatusNoContent) // no more: the sequence ends
	})
	a := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "asess", Value: "ALICECOOKIE"})
		http.Redirect(w, r, b.URL+"/ev", http.StatusFound)
	})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var ids []string
	for ev, err := range client.New(fastRetry).Events(ctx, client.Option{
		URL: a.URL + "/x?access_token=CALLQUERY", Mode: client.ModeCORS, Credentials: client.CredentialsInclude,
		Header: http.Header{"Authorization": {"Bearer CALLTOKEN"}, "X-Api-Key": {"CALLKEY"}},
	}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, ev.ID)
	}
	if strings.Join(ids, ",") != "1,2" || a.count.Load() != 3 || b.count.Load() != 3 {
		t.Fatalf("events %q, A asked %d times, B %d; want 1,2 over three connections through A", ids, a.count.Load(), b.count.Load())
	}
	if got := b.last(t).Header.Get("Last-Event-Id"); got != "2" {
		t.Errorf("the last reconnection's Last-Event-ID = %q, want 2", got)
	}
	noSecretReached(t, b, "CALLTOKEN", "CALLKEY", "CALLQUERY", "ALICECOOKIE")
}
