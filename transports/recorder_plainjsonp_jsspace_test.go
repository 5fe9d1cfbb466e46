package transports_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// The client unwraps a JSONP call with JavaScript's white space around its
// parenthesis and data (a no-break space, U+2028, as a browser reads the
// script: f22f47d), whatever the answer's type. The recorder took a plain
// body shaped so for text (its call test knew ASCII white space alone) and
// recorded the secret the client unwrapped in clear; it is now a call to
// redact, withheld when its argument is no JSON to redact member by member
// (and so is one call after another, and the call as window.cb).
func TestRecorderTakesAPlainCallWithJavaScriptSpaceForACall(t *testing.T) {
	for _, body := range []string{
		"cb(\u00a0{\"user\":\"ann\",\"access_token\":\"SECRET-NBSP\"});",
		"cb(\u2028{\"user\":\"ann\",\"password\":\"SECRET-LS\"})",
		"cb\u00a0({\"user\":\"ann\",\"access_token\":\"SECRET-CALLEE\"})",
		"cb({\"user\":\"ann\",\u3000\"access_token\":\"SECRET-INSIDE\"})",
		"cb({\"user\":\"ann\"});\ncb({\"access_token\":\"SECRET-SECOND-CALL\"});",
		"window.cb({\"user\":\"ann\",\"access_token\":\"SECRET-WINDOW\"})",
	} {
		for _, ct := range []string{"text/plain", "application/javascript"} {
			srv := server(t, func(w http.ResponseWriter, _ *http.Request) {
				w.Header()["Content-Type"] = []string{ct}
				_, _ = w.Write([]byte(body))
			})
			rec, dir := newRecorder(t, srv)
			c := client.New(client.WithBaseURL(srv.URL), client.WithTransport(rec))
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			resp, err := c.Request(ctx, client.Option{URL: "/p", JSONPCallback: "cb", RetryTimes: client.NoRetry})
			cancel()
			if m, _ := resp.Data.(map[string]any); err != nil || m["user"] != "ann" {
				t.Fatalf("%q (%s): the client did not unwrap the call: %v, %v", body, ct, resp.Data, err)
			}
			if x := load(t, dir)[0]; strings.Contains(x.Response.Body.Text, "SECRET") {
				t.Errorf("%q (%s): recorded in clear: %+v", body, ct, x.Response.Body)
			}
		}
	}
}
