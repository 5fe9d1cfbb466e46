// Package reqlog (import path .../middleware/log) logs taroreq's requests
// with log/slog, without ever writing a credential.
//
// It is named reqlog so that it does not shadow the standard log package;
// import it as
//
//	import reqlog "github.com/taroreq/taroreq/middleware/log"
//
// It offers two places to log:
//
//   - Interceptor is an option-level interceptor (Taro's addInterceptor
//     with a log interceptor): one record per logical request, with the
//     method, the URL, the status, the duration, the attempts, the URL that
//     answered, whether the store or the HTTP cache answered, and the error.
//   - Middleware (and New) is a RoundTripper layer: one record per attempt
//     when put just above the transport (client.WithInnerLayers), with the
//     attempt number the request's middleware.Call counts.
//
// URLs lose their userinfo and the values of secret-looking query parameters
// (token, access_token, key, api_key, password, secret, signature, sig,
// auth...), which are written as "REDACTED". Headers are logged only with
// WithHeaders; the values of Authorization, Cookie, Set-Cookie,
// Proxy-Authorization, of every header with a secret-looking name (X-Api-Key,
// X-Session-Token...: the README's Security section has the rule), of a
// client's WithCredentialHeaders names and of the headers named with
// WithRedactedHeaders are then written as "REDACTED", and the URLs in Location, Content-Location,
// Referer, Link and Refresh are redacted as the request's URL is, as are the
// URLs in any other header's value (X-Goog-Upload-Url), read as free text. Request
// and response bodies are never logged.
//
// TimeoutInterceptor is Taro's timeoutInterceptor: one deadline for the
// whole logical request, retries and backups included.
//
// Everything here is safe for concurrent use once built. A nil logger means
// slog.Default(); a nil base means http.DefaultTransport.
package reqlog
