package transports_test

import (
	"io"
	"net/http"
	"testing"
)

// A recording redacts what a header's value holds whatever the header is
// named: a list's secret parameter (the first too), a JWT, base64 JSON
// with a secret member, a data: URL's encoded payload holding one, an
// escaped query in a raw URL; everyday fields stay as they are.
func TestRecorderRedactsSecretsInHeaderValuesOfAnyName(t *testing.T) {
	const jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJTRUNSRVQtU1VCIn0.U0VDUkVULVNJRw"
	srv := server(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Id", jwt)
		w.Header().Set("X-Client-Context", "eyJjdXN0b20iOnsidG9rZW4iOiJTRUNSRVQtQ1RYIn19") // {"custom":{"token":"SECRET-CTX"}}
		w.Header().Set("X-Avatar", "data:application/json;base64,eyJhcGlfa2V5IjoiU0VDUkVULURBVEEifQ==")
		w.Header().Set("X-Cb", "https://app.example/cb%3Fcode%3DSECRET-CODE%26s%3D1")
		w.Header().Set("Cache-Status", `Edge; hit; key="/docs"`)
	})
	rec, dir := newRecorder(t, srv)
	resp, err := send(t, rec, "GET", srv.URL+"/", nil, http.Header{
		"Baggage": {"session=SECRET-SESSION,userId=alice"},
		"X-Cb":    {"access_token=SECRET-AT&x=1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if got := resp.Header.Get("X-Id"); got != jwt {
		t.Errorf("the caller's X-Id = %q", got)
	}
	cassetteHolds(t, dir, "SECRET", "U0VDUkVU", "eyJzdWIi", "eyJjdXN0b20i", "eyJhcGlfa2V5")
	x := load(t, dir)[0]
	for _, c := range []struct{ got, want string }{
		{x.Request.Header.Get("Baggage"), "session=REDACTED,userId=alice"},
		{x.Request.Header.Get("X-Cb"), "access_token=REDACTED&x=1"},
		{x.Response.Header.Get("X-Cb"), "https://app.example/cb%3Fcode%3DREDACTED%26s%3D1"},
		{x.Response.Header.Get("Cache-Status"), `Edge; hit; key="/docs"`},
	} {
		if c.got != c.want {
			t.Errorf("recorded %q, want %q", c.got, c.want)
		}
	}
}
