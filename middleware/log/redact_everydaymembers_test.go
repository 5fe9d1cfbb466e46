package reqlog_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	reqlog "github.com/taroreq/taroreq/middleware/log"
)

// Through the log layer: everyday list members (Sentry's public key in
// Baggage, a vendor's authz= in Tracestate, SigV4's SignedHeaders) are
// logged as they are, and the secrets the redaction missed are not
// (a SendGrid key, an Elastic ApiKey, a query escaped twice, a quoted or
// grouped value); a path's ;jsessionid= keeps the query after it.
func TestLayerLogsEverydayMembersAndNoMissedSecrets(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Callback", "https://x/cb%253Ftoken%253Dcb-SECRET")
		w.Header().Set("X-Context", `a=1, token=("g-SECRET" "h-SECRET"), b=2`)
		w.Header().Set("X-Next", "https://x/a;jsessionid=js-SECRET?page=2")
	}))
	t.Cleanup(srv.Close)
	var buf bytes.Buffer
	rt := reqlog.New(srv.Client().Transport, slog.New(slog.NewJSONHandler(&buf, nil)), reqlog.WithHeaders())
	req, _ := http.NewRequest("GET", srv.URL, nil)
	req.Header.Set("Baggage", "sentry-trace_id=771a43a4,sentry-public_key=49d0f7386ad645858ae85020e393bef3,session=s-SECRET")
	req.Header.Set("Tracestate", "congo=t61rcWkgMzE,authz=00f067aa0ba902b7")
	req.Header.Set("X-Upstream-Request", "Credential=AKID/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=sig-SECRET")
	req.Header.Set("X-Mail-Debug", "SG.ngeVfQFYQlKU0ufo8x5d1A.TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-SECRET")
	req.Header.Set("X-Es", "ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWky-SECRET")
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	noSecrets(t, &buf, "SECRET")
	r := records(t, &buf)[0]
	h, _ := r["header"].(map[string]any)
	rh, _ := r["response_header"].(map[string]any)
	for _, c := range []struct {
		got  any
		want string
	}{
		{first(h["Baggage"]), "sentry-trace_id=771a43a4,sentry-public_key=49d0f7386ad645858ae85020e393bef3,session=REDACTED"},
		{first(h["Tracestate"]), "congo=t61rcWkgMzE,authz=00f067aa0ba902b7"},
		{first(h["X-Upstream-Request"]), "Credential=REDACTED, SignedHeaders=host;x-amz-date, Signature=REDACTED"},
		{first(h["X-Mail-Debug"]), "REDACTED"},
		{first(h["X-Es"]), "ApiKey REDACTED"},
		{first(rh["X-Callback"]), "https://x/cb%253Ftoken%253DREDACTED"},
		{first(rh["X-Context"]), "a=1, token=(REDACTED), b=2"},
		{first(rh["X-Next"]), "https://x/a;jsessionid=REDACTED?page=2"},
	} {
		if c.got != c.want {
			t.Errorf("logged %v, want %s", c.got, c.want)
		}
	}
}
