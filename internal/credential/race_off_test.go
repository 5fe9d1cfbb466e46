//go:build !race

package credential

// raceFactor stretches timing bounds under the race detector.
const raceFactor = 1
