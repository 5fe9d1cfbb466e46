package client_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestUnmadeClientCheckRedirect: a nil or zero Client's CheckRedirect stops
// the redirect with an error matching ErrInvalidOption, as every other call
// through such a Client fails. The nil one panicked (nil pointer) on a hop
// to another origin; the zero one followed it, with the policy of a client
// that has no credential names.
func TestUnmadeClientCheckRedirect(t *testing.T) {
	var nilClient *client.Client
	for name, c := range map[string]*client.Client{"nil": nilClient, "zero": {}} {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s: panic: %v", name, p)
				}
			}()
			first, _ := http.NewRequest(http.MethodGet, "http://a.test/", nil)
			hop, _ := http.NewRequest(http.MethodGet, "http://b.test/", nil)
			hop.Header.Set("Authorization", "Bearer s3cret")
			if err := c.CheckRedirect(hop, []*http.Request{first}); !errors.Is(err, client.ErrInvalidOption) {
				t.Errorf("%s: %v, want ErrInvalidOption", name, err)
			}
		}()
	}
}
