// Package httpstatus writes a status code for error texts.
package httpstatus

import (
	"net/http"
	"strconv"
)

// Line is code and its reason phrase, "404 Not Found", or the code alone
// when net/http knows no phrase for it (Cloudflare's 522, nginx's 499), so
// that an error's text has no stray space where the phrase would go.
func Line(code int) string {
	if text := http.StatusText(code); text != "" {
		return strconv.Itoa(code) + " " + text
	}
	return strconv.Itoa(code)
}
