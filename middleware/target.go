package middleware

import (
	"net/http"
	"strings"
)

// TargetText is the text a cache or store files req's answer under: its
// URL, followed by the Host header when that names another host than the
// URL. A reverse proxy keeps the incoming Host while its URL names the
// backend, and the backend may serve every virtual host its own answer:
// filed by URL alone, one tenant's page would answer another's.
func TargetText(req *http.Request) string {
	u := req.URL.String()
	if req.Host == "" || strings.EqualFold(req.Host, req.URL.Host) {
		return u
	}
	return u + " host=" + strings.ToLower(req.Host)
}
