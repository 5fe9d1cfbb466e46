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

// A header's value that is a list of parameters of its own (a callback's
// form, W3C baggage, a vendor's context) is logged with its secret-named
// parameters redacted, the first of them too; the everyday fields whose
// parameters look secret (Cache-Status's key) are logged as they are.
func TestLayerRedactsSecretParametersOfListHeaders(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Callback", "token=cb-SECRET")
		w.Header().Set("X-Context", `region=eu; api_key="ak SECRET"; v=2`)
		w.Header().Set("Cache-Status", `Edge; hit; key="/docs"`)
	}))
	t.Cleanup(srv.Close)
	var buf bytes.Buffer
	rt := reqlog.New(srv.Client().Transport, slog.New(slog.NewJSONHandler(&buf, nil)), reqlog.WithHeaders())
	req, _ := http.NewRequest("GET", srv.URL, nil)
	req.Header.Set("Baggage", "session=s-SECRET,userId=alice")
	req.Header.Set("X-Cb", "access_token=at-SECRET&x=1")
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
		{first(h["Baggage"]), "session=REDACTED,userId=alice"},
		{first(h["X-Cb"]), "access_token=REDACTED&x=1"},
		{first(rh["X-Callback"]), "token=REDACTED"},
		{first(rh["X-Context"]), `region=eu; api_key="REDACTED"; v=2`},
		{first(rh["Cache-Status"]), `Edge; hit; key="/docs"`},
	} {
		if c.got != c.want {
			t.Errorf("logged %v, want %s", c.got, c.want)
		}
	}
}
