//go:build race

package middleware

// raceEnabled: under the race detector sync.Pool drops some of what is put
// back, so pooled buffers are allocated again now and then.
const raceEnabled = true
