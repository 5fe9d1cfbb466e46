package credential

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// A net/http error quoted once more (%q, or slog's TextHandler) keeps its
// cause: only the JSON value is redacted, not the rest of the message.
func TestTextTwiceQuotedErrorKeepsCause(t *testing.T) {
	err := &url.Error{Op: "Get", URL: `http://h/?f={"api_key":"S3CRET"}`,
		Err: errors.New("dial tcp 10.0.0.1:443: connect: connection refused")}
	s := fmt.Sprintf("request failed: %q (attempt 2)", err.Error())
	got := Keys(nil).Text(s)
	if strings.Contains(got, "S3CRET") || !strings.Contains(got, "connection refused") {
		t.Errorf("Text(%s)\n = %s", s, got)
	}
}

// A secret in a URL inside markup ends at the markup: what follows is kept.
func TestTextSecretInMarkupKeepsRest(t *testing.T) {
	s := `unexpected response: <Error><Code>SignatureDoesNotMatch</Code><URL>https://h/o?token=S3CRET</URL><RequestId>4442587FB7D0A2F9</RequestId></Error>`
	got := Keys(nil).Text(s)
	if strings.Contains(got, "S3CRET") || !strings.Contains(got, "4442587FB7D0A2F9") {
		t.Errorf("Text(%s)\n = %s", s, got)
	}
}
