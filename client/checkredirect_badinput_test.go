package client_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// CheckRedirect called as no http.Client calls it (a caller's own
// CheckRedirect that wraps it): a nil request, one without a URL, an empty
// via or a nil in it is an error matching middleware.ErrInvalidRequest,
// never a panic. Before, each of them panicked.
func TestCheckRedirectRefusesWhatNoClientSends(t *testing.T) {
	c := client.New()
	req, _ := http.NewRequest("GET", "http://a.test/x", nil)
	first, _ := http.NewRequest("GET", "http://a.test/", nil)
	cases := map[string]func() error{
		"nil request":    func() error { return c.CheckRedirect(nil, []*http.Request{first}) },
		"nil URL":        func() error { return c.CheckRedirect(&http.Request{Header: http.Header{}}, []*http.Request{first}) },
		"empty via":      func() error { return c.CheckRedirect(req, nil) },
		"nil in via":     func() error { return c.CheckRedirect(req, []*http.Request{nil}) },
		"nil URL in via": func() error { return c.CheckRedirect(req, []*http.Request{{}}) },
	}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			var err error
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("panicked: %v", p)
					}
				}()
				err = f()
			}()
			if !errors.Is(err, middleware.ErrInvalidRequest) {
				t.Fatalf("err = %v, want one matching middleware.ErrInvalidRequest", err)
			}
		})
	}
	if err := c.CheckRedirect(req, []*http.Request{first}); err != nil {
		t.Fatalf("a well-formed redirect: %v", err)
	}
}
