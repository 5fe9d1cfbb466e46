package credential

import "testing"

// A URL that ends at ": " in an error's text (url.Parse's "parse <url>:
// <why>") lost its ':' with the secret value: "…sig=REDACTED bad".
func TestTextKeepsColonAfterURLSecret(t *testing.T) {
	for in, want := range map[string]string{
		"parse https://x/?sig=AbC: bad":       "parse https://x/?sig=" + Redacted + ": bad",
		"parse https://x/?a=1&token=AbC: bad": "parse https://x/?a=1&token=" + Redacted + ": bad",
		"parse https://x/?sig=AbC:def:ghi x":  "parse https://x/?sig=" + Redacted + " x",
		"parse https://x/?sig=AbC:\tbad":      "parse https://x/?sig=" + Redacted + ":\tbad",
	} {
		if got := Keys(nil).Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}
