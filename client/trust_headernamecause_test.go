package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// causeTexts is the text of every error in err's tree, Unwrap() error and
// Unwrap() []error alike.
func causeTexts(err error) []string {
	if err == nil {
		return nil
	}
	texts := []string{err.Error()}
	switch x := err.(type) {
	case interface{ Unwrap() error }:
		texts = append(texts, causeTexts(x.Unwrap())...)
	case interface{ Unwrap() []error }:
		for _, e := range x.Unwrap() {
			texts = append(texts, causeTexts(e)...)
		}
	}
	return texts
}

// A header line pasted whole as a name ("Authorization: Bearer …") is
// ErrInvalidHeader before any I/O. The *client.Error's text redacted the
// token, but its Err, a field a caller logs, quoted the name as given.
func TestInvalidHeaderNameCauseHoldsNoSecret(t *testing.T) {
	const secret = "NAMESECRET"
	c := client.New(client.WithBaseURL("http://127.0.0.1:1"), client.WithCredentialHeaders("X-Workspace"))
	for _, name := range []string{"Authorization: Bearer " + secret, "X-Api-Key:" + secret, "X-Workspace: " + secret} {
		res, err := c.Request(context.Background(), client.Option{URL: "/x", Header: http.Header{name: {"v"}}})
		var ce *client.Error
		if !errors.Is(err, client.ErrInvalidHeader) || !errors.As(err, &ce) || res.Attempts != 0 {
			t.Fatalf("%q: want ErrInvalidHeader before any I/O, got %v", name, err)
		}
		for _, text := range append(causeTexts(ce.Err), res.ErrMsg) {
			if strings.Contains(text, secret) {
				t.Errorf("%q: %s", name, text)
			}
		}
	}
}
