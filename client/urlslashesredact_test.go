package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// TestSchemeWithoutTwoSlashesKeepsItsUserinfoOutOfErrors: http:/u:pw#x@h/
// has the userinfo u:pw#x to fetch's URL parser, as the client now reads
// it (http://u:pw#x@h/, whose '#' url.Parse takes for the fragment's
// start); a refused one's error named it "http:/u:pw", its password in it.
func TestSchemeWithoutTwoSlashesKeepsItsUserinfoOutOfErrors(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, raw := range []string{"http:/u:secret#x@h:1/", "http:u:secret#x@h/", `http:\\u:secret#x@h/`, "https:///u:secret#x@h/"} {
		_, err := client.New(client.WithTransport(&pathRecorder{})).Request(ctx, client.Option{URL: raw, RetryTimes: client.NoRetry})
		if !errors.Is(err, client.ErrInvalidURL) || strings.Contains(err.Error(), "secret") {
			t.Errorf("%s: err %v, want ErrInvalidURL without the password", raw, err)
		}
	}
}
