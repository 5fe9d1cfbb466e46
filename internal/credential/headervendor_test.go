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
