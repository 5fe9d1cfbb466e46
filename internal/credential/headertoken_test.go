package credential

import "testing"

// A vendor's API token has a prefix of its own, as secret scanners know
// it (GitHub's ghp_, Slack's xoxb-, Stripe's sk_live_…): one standing as
// a word in a header's value of any name is redacted whole; the prefix
// alone, a short word with it, or it inside a longer word, stays.
func TestURLHeaderRedactsVendorTokens(t *testing.T) {
	k := Keys(nil)
	for _, tc := range []struct{ name, in, want string }{
		{"X-Upstream", "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", Redacted},
		{"X-Upstream", "github_pat_11ABCDEFG0abcdefghijklmnop_qrstuvwxyz", Redacted},
		{"X-Hook", "sent with xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp", "sent with " + Redacted},
		{"X-Billing", "sk_live_51HxYzAbCdEfGhIjKlMnOpQr, mode=live", Redacted + ", mode=live"},
		{"X-Llm", "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUv", Redacted},
		{"X-Maps", "AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW", Redacted},
		{"X-Ci", "glpat-AbCdEfGhIjKlMnOpQrSt", Redacted},
		{"X-Ci", "glptt-0123456789abcdef0123456789abcdef01234567", Redacted},
		{"X-Do", "dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", Redacted},
		{"X-Llm", "sk-AbCdEfGhIjKlMnOpQrStT3BlbkFJAbCdEfGhIjKlMnOpQrSt", Redacted}, // OpenAI's older keys
		{"Content-Language", "sk-SK", "sk-SK"},
		{"X-Note", "sk-learn-estimators-and-pipelines", "sk-learn-estimators-and-pipelines"},
		// Not tokens.
		{"X-Note", "ghp_ tokens start so", "ghp_ tokens start so"},
		{"X-Note", "sk_live_short", "sk_live_short"},
		{"X-Note", "my_ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", "my_ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"},
		{"X-Note", "AIza is a prefix", "AIza is a prefix"},
		{"X-Variant", "hf_experiment_group_alpha_beta", "hf_experiment_group_alpha_beta"}, // no digit: a name
	} {
		if got := k.URLHeader(tc.name, tc.in); got != tc.want {
			t.Errorf("%s: %s:\n got %s\nwant %s", tc.name, tc.in, got, tc.want)
		}
	}
}
