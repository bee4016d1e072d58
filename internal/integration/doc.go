// Package integration holds tests of blindspot as users install it: the
// pre-commit hook and the GitHub Action and workflows. Each test skips
// cleanly when the tool it drives (pre-commit, actionlint) is not installed.
package integration
