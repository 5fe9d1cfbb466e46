package transports

import (
	"net/url"
	"strings"

	"github.com/taroreq/taroreq/internal/credential"
)

// Redacted replaces every credential value in a recorded exchange.
const Redacted = credential.Redacted

// redactURL returns u in the canonical form recorded and matched by the
// recorder and the replayer: scheme and host in lower case, an empty path as
// "/", no fragment, a userinfo password Redacted, and the value of every
// secret-looking query parameter Redacted. The rest of the query is kept
// byte for byte, order included.
func redactURL(u *url.URL) string {
	c := *u
	c.Scheme = strings.ToLower(c.Scheme)
	c.Host = strings.ToLower(c.Host)
	if c.Path == "" && c.RawPath == "" && c.Opaque == "" {
		c.Path = "/"
	}
	c.Fragment, c.RawFragment = "", ""
	c.ForceQuery = false
	if c.User != nil {
		if _, ok := c.User.Password(); ok {
			c.User = url.UserPassword(c.User.Username(), Redacted)
		}
	}
	c.RawQuery = credential.Keys(nil).Query(c.RawQuery)
	return c.String()
}
