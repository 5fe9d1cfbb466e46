package client_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/url"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	reqlog "github.com/taroreq/taroreq/middleware/log"
)

// A Location that does not parse, whose query holds a signed URL escaped
// as a value (an image proxy's ?src=), one or two levels deep: net/http
// quotes it in its error, and the error, ErrMsg and the log record hold
// the nested URL's secret redacted, as the README promises for URLs quoted
// inside another error's text.
func TestBadLocationNestedURLHoldsNoSecret(t *testing.T) {
	const secret = "S3CR3TVALUE"
	inner := "https://i.test/a.jpg?X-Amz-Signature=" + secret
	for _, q := range []string{
		"src=" + url.QueryEscape(inner),
		"src=" + url.QueryEscape("https://p.test/?u="+url.QueryEscape(inner)),
	} {
		srv := badLocationOrigin(t, q)
		var logs bytes.Buffer
		c := client.New(client.WithBaseURL(srv.URL), client.WithInterceptors(reqlog.Interceptor(slog.New(slog.NewTextHandler(&logs, nil)))))
		res, err := c.Request(context.Background(), client.Option{URL: "/start"})
		if err == nil {
			t.Fatal("a bad Location was followed")
		}
		for what, text := range map[string]string{"error": err.Error(), "ErrMsg": res.ErrMsg, "log": logs.String()} {
			if strings.Contains(text, secret) {
				t.Errorf("%s: %s", what, text)
			}
		}
	}
}
