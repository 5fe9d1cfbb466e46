package oteltaroreq_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/plugins/oteltaroreq"
)

// TestReadmePropagatorHeadersGoToEveryOrigin: the README (Tracing and
// logging) states as a limit that, as otelhttp's, "the propagator's
// headers, baggage included, go with every attempt, to backups and
// redirects on other origins too: keep user data out of baggage, or give a
// propagator of traceparent alone". Both halves: with TraceContext and
// Baggage, a backup and a redirect hop on another origin get traceparent
// and the caller's baggage (what the limit warns of); with TraceContext
// alone, no request to any origin carries a baggage header, and each still
// carries a traceparent.
func TestReadmePropagatorHeadersGoToEveryOrigin(t *testing.T) {
	var mu sync.Mutex
	seen := map[string][2]string{} // origin tag + path: traceparent, baggage
	record := func(tag string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			seen[tag+r.URL.Path] = [2]string{r.Header.Get("Traceparent"), r.Header.Get("Baggage")}
			mu.Unlock()
		}
	}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record("other")(w, r)
		w.Write([]byte(`{}`))
	}))
	defer other.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record("api")(w, r)
		switch r.URL.Path {
		case "/fail":
			w.WriteHeader(http.StatusServiceUnavailable)
		case "/moved":
			http.Redirect(w, r, other.URL+"/landed", http.StatusFound)
		default:
			w.Write([]byte(`{}`))
		}
	}))
	defer api.Close()

	tp := sdktrace.NewTracerProvider()
	defer tp.Shutdown(context.Background())
	member, err := baggage.NewMember("user", "ann")
	if err != nil {
		t.Fatal(err)
	}
	bag, err := baggage.New(member)
	if err != nil {
		t.Fatal(err)
	}
	ctx := baggage.ContextWithBaggage(context.Background(), bag)

	for _, tc := range []struct {
		name        string
		prop        propagation.TextMapPropagator
		wantBaggage string
	}{
		{"traceparent and baggage", propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}), "user=ann"},
		{"traceparent alone", propagation.TraceContext{}, ""},
	} {
		mu.Lock()
		clear(seen)
		mu.Unlock()
		c := client.New(client.WithBaseURL(api.URL),
			oteltaroreq.Instrument(oteltaroreq.WithTracerProvider(tp), oteltaroreq.WithPropagators(tc.prop)))
		if _, err := c.Request(ctx, client.Option{URL: "/fail", RetryTimes: client.NoRetry, Mode: client.ModeCORS,
			Backup: []string{other.URL + "/backup"}}); err != nil {
			t.Fatalf("%s: backup call: %v", tc.name, err)
		}
		if _, err := c.Request(ctx, client.Option{URL: "/moved", Mode: client.ModeCORS}); err != nil {
			t.Fatalf("%s: redirected call: %v", tc.name, err)
		}
		mu.Lock()
		for _, at := range []string{"api/fail", "other/backup", "api/moved", "other/landed"} {
			h, ok := seen[at]
			switch {
			case !ok:
				t.Errorf("%s: no request reached %s", tc.name, at)
			case !strings.HasPrefix(h[0], "00-") || len(h[0]) != 55:
				t.Errorf("%s: %s got traceparent %q, want a W3C one", tc.name, at, h[0])
			case h[1] != tc.wantBaggage:
				t.Errorf("%s: %s got baggage %q, want %q", tc.name, at, h[1], tc.wantBaggage)
			}
		}
		mu.Unlock()
	}
}
