package credential

import "testing"

// An everyday word that holds key, sig, auth or token names no secret, as
// a whole word only; the names that do stay secret.
func TestSecretNameBenignWords(t *testing.T) {
	for _, n := range []string{"keyword", "Keywords", "monkey", "design", "designer", "author", "authorName",
		"author_id", "X-Keyword", "signal", "assignee", "signup", "search_keyword", "keywordList", "authority"} {
		if SecretName(n) {
			t.Errorf("%s taken for a secret", n)
		}
	}
	for _, n := range []string{"authorization", "Authorization", "api_key", "apiKey", "apikey", "sign", "signature",
		"sig", "keyword_token", "monkeyToken", "x_auth", "authToken", "keys", "hotkey", "AUTHOR_TOKEN",
		"authorKey", "secretary", "session_id", "signed_url", "authorizationCode", "keywordsig", "designKey"} {
		if !SecretName(n) {
			t.Errorf("%s not taken for a secret", n)
		}
	}
}

// A backup on another origin gets the query data the benign words name,
// not the secrets beside them.
func TestWithoutSecretsKeepsBenignWords(t *testing.T) {
	got := Keys(nil).WithoutSecrets("keyword=shoes&author=bob&api_key=k&design=flat&sign=abc")
	if want := "keyword=shoes&author=bob&design=flat"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
