package client_test

import (
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/retry"
)

// Through c.Transport() the http.Client's *url.Error names the URL as
// net/http writes it (query secrets in clear, as the README says); its Err,
// the stack's error, names none, and errors.Is finds the stack's sentinels
// through the *url.Error.
func TestPlainURLErrorWrapsARedactedError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String()
	ln.Close()
	loop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/next?access_token=LOCSECRET", http.StatusFound)
	}))
	defer loop.Close()
	c := client.New(client.WithRetry(retry.WithRetryTimes(0)))
	hc := &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect}
	for _, tc := range []struct {
		url  string
		want error
	}{
		{refused + "/x?api_key=FIRSTSECRET", retry.ErrExhausted},
		{loop.URL + "/?api_key=FIRSTSECRET", client.ErrTooManyRedirects},
	} {
		_, err := hc.Get(tc.url)
		var ue *url.Error
		if !errors.As(err, &ue) {
			t.Fatalf("%s: err %v is no *url.Error", tc.url, err)
		}
		if !errors.Is(err, tc.want) {
			t.Errorf("errors.Is(%v, %v) = false", err, tc.want)
		}
		if text := ue.Err.Error(); strings.Contains(text, "SECRET") {
			t.Errorf("the stack's error names a secret: %s", text)
		}
	}
}
