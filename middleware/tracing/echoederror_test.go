package tracing_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/tracing"
)

// A span's status text (and a retry event's error) quotes the attempt's
// error, whose text may quote the server's words (a header line net/http
// refuses, a control byte in it): the credentials it echoes there under a
// name no rule knows (the API key, the URL's ?access_token=) are REDACTED,
// in the attempt's span, the request's span and its events.
func TestSpansRedactCredentialsEchoedInAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Echo: key=" + r.Header.Get("X-Api-Key") + " q=" +
			r.URL.Query().Get("access_token") + "\x01\r\n\r\n")
		buf.Flush()
	}))
	defer srv.Close()
	r := newRig(t)
	rt := middleware.Chain(srv.Client().Transport,
		tracing.RequestMiddleware(r.opts...), retry.Middleware(noWait), tracing.Middleware(r.opts...))
	ctx := middleware.WithCall(context.Background(), middleware.NewCall(middleware.Settings{RetryTimes: 1}))
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/x?access_token=query-secret-2", nil)
	req.Header.Set("X-Api-Key", "key-secret-1")
	if _, err := rt.RoundTrip(req); err == nil {
		t.Fatal("the refused line did not fail the request: the test tests nothing")
	}
	var all strings.Builder
	for _, s := range r.sr.Ended() {
		fmt.Fprintf(&all, "%s: %s\n", s.Name(), s.Status().Description)
		for _, e := range s.Events() {
			fmt.Fprintf(&all, "  %s %v\n", e.Name, e.Attributes)
		}
	}
	out := all.String()
	if strings.Contains(out, "secret") {
		t.Errorf("a span quotes an echoed credential:\n%s", out)
	}
	if !strings.Contains(out, "X-Echo: key=") {
		t.Errorf("no span quotes the refused line:\n%s", out)
	}
}
