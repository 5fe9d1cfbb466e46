package transports

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/taroreq/taroreq/internal/credential"
)

// redactEchoBody returns b, a recorded response body, with every one of
// secrets (credential.EchoedSecrets of its request) in its bytes replaced
// by Redacted (Redacted set, its size and hash those of the recorded
// bytes); b itself when it holds none.
func redactEchoBody(b RecordedBody, secrets []string) RecordedBody {
	if len(secrets) == 0 || b.Withheld {
		return b
	}
	out, changed := credential.RedactEchoedBytes(b.Bytes(), secrets)
	if !changed {
		return b
	}
	sum := sha256.Sum256(out)
	r := newRecordedBody(out, int64(len(out)), hex.EncodeToString(sum[:]), b.Truncated)
	r.Redacted, r.Broken = true, b.Broken
	return r
}
