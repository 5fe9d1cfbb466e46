package httpcache

// WithShared makes the cache a shared cache (RFC 9111 §1), one that
// answers many users, as in front of an origin in an
// httputil.ReverseProxy:
//
//   - s-maxage is the freshness lifetime when present, and (like
//     proxy-revalidate) forbids serving the response stale;
//   - a response with private is not stored;
//   - a response to a request with Authorization is stored only when it
//     says public, s-maxage or must-revalidate (§3.5).
//
// Users stay apart as in a private cache: each request's credential
// partition (its credential headers, Cookie among them, see
// middleware.Settings.Partition) is in the key, so one user's entry never
// answers another. The exception is what the origin makes every user's: a
// response with public or s-maxage, or (§3.5) one with must-revalidate to
// a request whose one credential is Authorization, is stored for everyone
// and answers any user's request (after the user's own entry, if any)
// whatever credentials it carries (a response that depends on them says so
// with Vary). A must-revalidate response to a request with another
// credential (a cookie, an API key), Authorization beside it or not, stays
// with its user. Responses to requests without
// credentials answer only requests without credentials, unless they say
// public or s-maxage.
func WithShared() Option { return func(c *config) { c.shared = true } }
