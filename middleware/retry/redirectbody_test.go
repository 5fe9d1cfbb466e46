package retry_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
)

// A redirect in a call that reads bodies whole is one its client follows:
// its body is dropped unread, and what is handed up says so coherently (no
// Content-Length for a body that is not there), for a caller that keeps the
// redirect all the same (ErrUseLastResponse).
func TestDroppedRedirectBodyHasNoLength(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "/b")
		w.WriteHeader(http.StatusFound)
		io.WriteString(w, "moved to /b")
	}))
	defer srv.Close()
	hc := &http.Client{Transport: retry.New(nil), CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	ctx, _ := middleware.NewCallContext(context.Background(), middleware.Settings{Buffered: true})
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/a", nil)
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusFound {
		t.Fatalf("status %d, %v", resp.StatusCode, err)
	}
	if cl := resp.Header.Get("Content-Length"); cl != "" || resp.ContentLength != int64(len(b)) {
		t.Errorf("Content-Length %q, ContentLength %d, body %q", cl, resp.ContentLength, b)
	}
}
