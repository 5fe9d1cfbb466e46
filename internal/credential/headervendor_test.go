package credential

import "testing"

// SendGrid's keys (SG.<22>.<43>) are one token across their dots, and
// Elastic's ApiKey scheme (as django-rest-framework-api-key's Api-Key,
// Salesforce's and Google's older OAuth, Okta's SSWS) carries a
// credential as Bearer does, in any header a copy of it is written to;
// prose with those words stays.
func TestURLHeaderRedactsSendGridKeysAndAPIKeySchemes(t *testing.T) {
	k := Keys(nil)
	for _, tc := range []struct{ name, in, want string }{
		{"X-Mail", "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", Redacted},
		{"X-Mail", "key 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, sent", "key " + Redacted + ", sent"},
		{"X-Forwarded-Auth-Value", "ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==", "ApiKey REDACTED"},
		{"X-Debug", "sent Authorization: ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw== to es", "sent Authorization: ApiKey REDACTED to es"},
		{"X-Upstream", "Api-Key Qx7ZpHf3.Rk2m9WbVt8Lc4YsNa1Ed6Ju0", "Api-Key REDACTED"},
		{"X-Upstream", "OAuth ya29.a0AfH6SMBx3jG5abc123def456", "OAuth REDACTED"},
		{"X-Upstream", "SSWS 00QCjAl4MlV-WPXM-ABCDEFGHIJKLMNOPQRSTUVWXYZ", "SSWS REDACTED"},
		// Prose and everyday values.
		{"X-Note", "SG.Config is a name", "SG.Config is a name"},
		{"X-Note", "SG.shortpart.other", "SG.shortpart.other"},
		{"X-Note", "ApiKey authentication is enabled", "ApiKey authentication is enabled"},
		{"X-Note", "OAuth 2.0 client-credentials-and-more flow", "OAuth 2.0 client-credentials-and-more flow"},
		{"X-Note", "ApiKey REDACTED", "ApiKey REDACTED"},
	} {
		if got := k.URLHeader(tc.name, tc.in); got != tc.want {
			t.Errorf("%s: %s:\n got %s\nwant %s", tc.name, tc.in, got, tc.want)
		}
		if got := k.URLHeader(tc.name, tc.want); got != tc.want {
			t.Errorf("%s: %s redacted again: %s", tc.name, tc.want, got)
		}
	}
}

// More tokens of known shapes: Sentry's auth tokens (sntrys_, sntryu_),
// Grafana's service accounts (glsa_), Square's (sq0atp-, sq0csp-),
// Slack's client tokens (xoxc-), Shopify's custom and private apps'
// (shpca_, shppa_), and, across their dots, Vault's (hvs., hvb.) and
// Google's OAuth access tokens (ya29.); and Akamai's edge tokens under
// their other names (hdnea=, hdntl=, as hdnts=).
func TestURLHeaderRedactsMoreVendorTokens(t *testing.T) {
	k := Keys(nil)
	for _, tc := range []struct{ name, in, want string }{
		{"X-Debug", "sntrys_eyJpYXQiOjE2ODczMzY1NDMuNjk4NTksInVybCI6bnVsbH0_NzJkYTBkYjg", Redacted},
		{"X-Debug", "sntrys_eyJpYXQiOjE2ODczMzY1NDMuNjk4NTksInVybCI6bnVsbH0=_NzJkYTBkYjg, next", Redacted + ", next"},
		{"X-Debug", "sntryu_0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab", Redacted},
		{"X-Debug", "glsa_ABCDEFGHIJKLMNOPQRSTUVWXyz012345_abcdef01", Redacted},
		{"X-Debug", "sq0atp-ABCDEFGHIJ0123456789ab", Redacted},
		{"X-Debug", "sq0csp-ABCDEFGHIJ0123456789abcdefghijklmnopq", Redacted},
		{"X-Debug", "xoxc-1234567890-1234567890-1234567890-abcdef", Redacted},
		{"X-Debug", "shpca_0123456789abcdef0123456789abcdef", Redacted},
		{"X-Debug", "shppa_0123456789abcdef0123456789abcdef", Redacted},
		{"X-Debug", "vault hvs.CAESIJlU5Xh0ZUEE1aYtIsJmXcZeTBrC9CSYmgdgkAdUp2SjGh4KHGh2cy5 ok", "vault " + Redacted + " ok"},
		{"X-Debug", "hvb.AAAAAQJMBgyP0cEqaX0C5a6zUHA0DdqU-lPkKXbEDqyq8dbMIXmiDHgEVTeU", Redacted},
		{"X-Debug", "ya29.a0AfH6SMBx3jG5abc123def456ghi.jkl-mno", Redacted},
		{"X-Cdn", "https://x/v.m3u8?hdnea=exp=1690000000~acl=/*~hmac=abcdef0123", "https://x/v.m3u8?hdnea=REDACTED"},
		{"X-Cdn", "https://x/v.m3u8?hdntl=exp=1690000000~acl=/*~hmac=abcdef0123", "https://x/v.m3u8?hdntl=REDACTED"},
		// Not tokens.
		{"X-Note", "hvs.short", "hvs.short"},
		{"X-Note", "ya29.lowercaseonlyandlonger", "ya29.lowercaseonlyandlonger"},
		{"X-Note", "xoxc- is a prefix", "xoxc- is a prefix"},
	} {
		if got := k.URLHeader(tc.name, tc.in); got != tc.want {
			t.Errorf("%s: %s:\n got %s\nwant %s", tc.name, tc.in, got, tc.want)
		}
		if got := k.URLHeader(tc.name, tc.want); got != tc.want {
			t.Errorf("%s: %s redacted again: %s", tc.name, tc.want, got)
		}
	}
}
