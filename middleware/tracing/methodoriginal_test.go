package tracing_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware/tracing"
)

// http.request.method_original held a method net/http refuses to send
// ("GET tok": a token pasted into the method with a space, which no server
// ever sees) as it was written, secret and all. Such a method is named as
// the client's errors name it: by its length, unless it is a method or a
// near miss of one. A method that is a token, which net/http sends, is
// recorded as it went, as the conventions ask.
func TestMethodOriginalOfAnUnsendableMethodHoldsNoSecret(t *testing.T) {
	const secret = "METHODSECRET"
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	r := newRig(t)
	rt := tracing.New(srv.Client().Transport, r.opts...)
	for _, m := range []string{"GET " + secret, "Bearer " + secret + "\r\n"} {
		req, err := http.NewRequest("GET", srv.URL, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Method = m // as a plain http.Client takes a Request built by hand
		if resp, err := rt.RoundTrip(req); err == nil {
			resp.Body.Close()
			t.Fatalf("%q was sent", m)
		}
	}
	req, _ := http.NewRequest("PURGE", srv.URL, nil)
	if resp, err := rt.RoundTrip(req); err == nil {
		resp.Body.Close()
	}
	spans := r.sr.Ended()
	if len(spans) != 3 {
		t.Fatalf("%d spans, want 3", len(spans))
	}
	for i, s := range spans {
		got := fmt.Sprint(attrs(s)["http.request.method_original"].AsString(), s.Status().Description)
		if strings.Contains(got, secret) {
			t.Errorf("span %d: %s", i, got)
		}
	}
	if got := attrs(spans[2])["http.request.method_original"].AsString(); got != "PURGE" {
		t.Errorf("a method sent is recorded as it went: %q", got)
	}
}
