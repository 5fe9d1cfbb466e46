package client_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/taroreq/taroreq/client"
)

// The harness's fourth part: what an answer's shape and a request's body
// must be whatever the answer's source. A HEAD and a GET on one URL share
// an HTTP cache entry's key but not its body: a GET that is answered 200
// has the body tfServe always writes, a HEAD none. A body followed through
// a 307 or 308 (to B and back) arrives whole, or the hop is not made.

// tfBodyHeader carries the hash of the body the call's Data makes, so that
// each origin tells whether what it got is that body.
const tfBodyHeader = "X-Tf-Body"

// tfBodyHash is the hash of the JSON body opt's Data makes for a POST,
// "" when it makes none: what every hop of the call that keeps the method
// must carry, however the client rewinds it (GetBody on a 307 or 308).
func tfBodyHash(opt client.Option) string {
	if opt.Method != http.MethodPost || opt.Data == nil {
		return ""
	}
	b, err := json.Marshal(opt.Data)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// tfMarkBody puts in tfBodyHeader the hash of the body r must carry: want,
// the call's (tfBodyHash), or, for a request without one (a plain
// http.Client's), that of the body r has as the outer layer sees it, read
// and put back.
func tfMarkBody(r *http.Request, want string) {
	if r.Method != http.MethodPost || r.Body == nil || r.Body == http.NoBody {
		return
	}
	if want != "" {
		r.Header.Set(tfBodyHeader, want)
		return
	}
	b, err := io.ReadAll(r.Body)
	r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(b))
	if err == nil && len(b) > 0 {
		sum := sha256.Sum256(b)
		r.Header.Set(tfBodyHeader, hex.EncodeToString(sum[:8]))
	}
}

// tfBodyViolation says what is wrong with the body an origin got: cut,
// another one than the call's, or dropped while the method stayed POST.
func tfBodyViolation(r *http.Request, body []byte, readErr error) string {
	want := r.Header.Get(tfBodyHeader)
	sum := sha256.Sum256(body)
	switch {
	case readErr != nil:
		return fmt.Sprintf("%s %s: the body was cut (%v)", r.Method, r.URL.Path, readErr)
	case want == "" || r.Method != http.MethodPost:
	case len(body) == 0:
		return fmt.Sprintf("POST %s came without the call's body", r.URL.Path)
	case hex.EncodeToString(sum[:8]) != want:
		return fmt.Sprintf("POST %s came with another body than the call's: %q", r.URL.Path, body)
	}
	return ""
}

// tfShapeCheck reports a 200 answer whose body does not fit its method: a
// GET's empty (a HEAD's answer served for it), a HEAD's with a body; and
// an answer that carries what the outer layer wrote in another call's
// (tfWriteInAnswer adds one X-Served-To to each), kept by a store or a
// cache under a key other calls share, the same user's or not.
func tfShapeCheck(method string, resp *client.Response, err error) string {
	if resp != nil && len(resp.Header.Values("X-Served-To")) > 1 {
		return fmt.Sprintf("an answer holds what the outer layer wrote in another call's: store=%v cache=%v %v", resp.FromStore, resp.FromCache, resp.Header)
	}
	if resp == nil || err != nil || resp.StatusCode != http.StatusOK {
		return ""
	}
	switch {
	case method == http.MethodHead && len(resp.Raw) > 0:
		return fmt.Sprintf("a HEAD got a body: %q", resp.Raw)
	case (method == "" || method == http.MethodGet) && len(resp.Raw) == 0:
		return fmt.Sprintf("a GET got an empty answer (a HEAD's?): store=%v cache=%v %v", resp.FromStore, resp.FromCache, resp.Header)
	}
	return ""
}
