package transports

import (
	"strings"
	"testing"
)

// A multipart body of more parts than maxParts is withheld, not parsed
// part by part: many tiny parts cost far more than their bytes.
func TestRedactMultipartBoundsTheParts(t *testing.T) {
	var b strings.Builder
	for i := range maxParts + 1 {
		if i > 0 {
			b.WriteString("\r\n")
		}
		b.WriteString("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx")
	}
	b.WriteString("\r\n--XyZ--\r\n")
	if _, _, ok := redactMultipart([]byte(b.String()), "multipart/form-data; boundary=XyZ"); ok {
		t.Errorf("%d parts redacted; want the body withheld", maxParts+1)
	}
	short := strings.Replace(b.String(), strings.Repeat("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n", 1), "", 1)
	if _, _, ok := redactMultipart([]byte(short), "multipart/form-data; boundary=XyZ"); !ok {
		t.Errorf("%d parts withheld; want them looked at", maxParts)
	}
}
