package credential

import (
	"slices"
	"testing"
)

// Every layer's WithCredentialHeaders (and the redacting options) takes its
// names through TrimNames: blanks around a name go, and a list given as one
// name is split at its commas, so that each header in it is protected.
func TestTrimNamesSplitsAList(t *testing.T) {
	got := TrimNames([]string{" X-Workspace", "X-A, X-B ,\tX-C", "", " , ", "X-D\n"})
	want := []string{"X-Workspace", "X-A", "X-B", "X-C", "X-D"}
	if !slices.Equal(got, want) {
		t.Errorf("TrimNames = %q, want %q", got, want)
	}
}
