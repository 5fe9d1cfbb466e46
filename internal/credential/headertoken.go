package credential

import "strings"

// vendorPrefixes start the API tokens of vendors that give theirs a
// prefix of its own, so that secret scanners find them (GitHub, GitLab,
// Slack, Stripe, OpenAI, Anthropic, Google API keys, npm, Hugging Face,
// PyPI, Shopify, DigitalOcean): such a token is a credential whatever
// header carries it. "sk-" alone is OpenAI's older keys' (sk- and 48
// bytes): a word needs minVendorSecret bytes after it, a digit or capital
// among them, so a language tag (sk-SK) or a name stays.
var vendorPrefixes = []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "glptt-", "glrt-", "gldt-",
	"xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-", "xapp-",
	"sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_", "sk-proj-", "sk-ant-", "sk-svcacct-", "sk-",
	"AIza", "npm_", "hf_", "pypi-", "shpat_", "shpss_", "shpca_", "shppa_", "dop_v1_", "doo_v1_", "dor_v1_",
	"sntrys_", "sntryu_", "glsa_", "sq0atp-", "sq0csp-", "xoxc-", sendGridPrefix, "hvs.", "hvb.", "ya29."}

// sendGridPrefix starts SendGrid's keys, SG.<22 bytes>.<43 bytes>: their
// dots, which end a word, are the key's (dottedTokenEnd), as Vault's
// (hvs., hvb.) and Google's OAuth access tokens' (ya29.) are theirs.
const sendGridPrefix = "SG."

// minVendorSecret is how many bytes a vendor token has past its prefix at
// least (GitHub's 36, Google's 35, GitLab's 20 and more), a digit or a
// capital among them (random base62 has one all but always): a shorter
// word, or one in lower case alone, is prose, a name or an example
// (hf_experiment_group).
const minVendorSecret = 16

// vendorTokens replaces, in s, every word (letters, digits, '_' and '-')
// that is a vendor's token (vendorPrefixes) by Redacted.
func vendorTokens(s string) string {
	sp := splice{s: s}
	for i := 0; i < len(s); i++ {
		if !isTokenWordByte(s[i]) || i > 0 && isTokenWordByte(s[i-1]) {
			continue
		}
		end := wordEnd(s, i)
		if e := dottedTokenEnd(s, i); e > 0 {
			sp.replace(i, e, Redacted)
			i = e - 1
			continue
		}
		if p := vendorPrefix(s[i:end]); p != "" && end-i-len(p) >= minVendorSecret && strings.ContainsAny(s[i+len(p):end], "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
			// A base64 part's padding inside the token (Sentry's
			// sntrys_<base64>=_<secret>) and the words after it are
			// the token's.
			for end < len(s) && s[end] == '=' {
				for end < len(s) && s[end] == '=' {
					end++
				}
				end = wordEnd(s, end)
			}
			sp.replace(i, end, Redacted)
		}
		i = end - 1 // a word is judged once, from its start
	}
	return sp.String()
}

// wordEnd is the index just after the word of token bytes at s[i].
func wordEnd(s string, i int) int {
	for i < len(s) && isTokenWordByte(s[i]) {
		i++
	}
	return i
}

// dottedTokenEnd is the index just after the token with dots at s[i], or
// 0: SendGrid's key (its prefix, then two words of minVendorSecret bytes
// or more, a dot between them), or a Vault or Google token (hvs., ya29.:
// a word of minVendorSecret bytes or more with a digit or a capital,
// then any words after a dot).
func dottedTokenEnd(s string, i int) int {
	if strings.HasPrefix(s[i:], sendGridPrefix) {
		id := i + len(sendGridPrefix)
		dot := wordEnd(s, id)
		if dot-id < minVendorSecret || dot == len(s) || s[dot] != '.' {
			return 0
		}
		end := wordEnd(s, dot+1)
		if end-dot-1 < minVendorSecret || end < len(s) && s[end] == '.' {
			return 0
		}
		return end
	}
	for _, p := range []string{"hvs.", "hvb.", "ya29."} {
		if !strings.HasPrefix(s[i:], p) {
			continue
		}
		end := wordEnd(s, i+len(p))
		if end-i-len(p) < minVendorSecret || !strings.ContainsAny(s[i+len(p):end], "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
			return 0
		}
		for end+1 < len(s) && s[end] == '.' && isTokenWordByte(s[end+1]) {
			end = wordEnd(s, end+1)
		}
		return end
	}
	return 0
}

// vendorPrefix is the prefix of vendorPrefixes that w starts with, or "".
func vendorPrefix(w string) string {
	for _, p := range vendorPrefixes {
		if strings.HasPrefix(w, p) {
			return p
		}
	}
	return ""
}

// isTokenWordByte reports whether c may be in a vendor's token.
func isTokenWordByte(c byte) bool { return isAlnum(c) || c == '_' || c == '-' }

// mayHoldVendorToken reports whether a word of s starts with a vendor's
// prefix: URLHeader's first look, without an allocation.
func mayHoldVendorToken(s string) bool {
	for i := 0; i < len(s); i++ {
		if isTokenWordByte(s[i]) && (i == 0 || !isTokenWordByte(s[i-1])) && vendorPrefix(s[i:]) != "" {
			return true
		}
	}
	return false
}

// tokenShapes redacts, in s, a header's value or free text (an error's),
// the token shapes that are credentials whatever names them: an
// Authorization value's (digestResponses, schemeCredentials) and vendors'
// tokens (vendorTokens), a PEM private key's body (pemPrivateKeys). s itself, without an allocation, when no word of
// it starts one.
func tokenShapes(s string) string {
	s = pemPrivateKeys(s)
	if !mayHoldScheme(s) && !mayHoldVendorToken(s) && !mayHoldDigest(s) {
		return s
	}
	return vendorTokens(schemeCredentials(digestResponses(s)))
}

// mayHoldDigest reports whether "digest", any case, is in s (Digest is
// not among schemes: its credential is its parameters, digestResponses).
func mayHoldDigest(s string) bool {
	for i := 0; i+len("digest") <= len(s); i++ {
		if s[i]|0x20 == 'd' && hasPrefixFold(s[i:], "digest") {
			return true
		}
	}
	return false
}
