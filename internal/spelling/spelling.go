// Package spelling suggests the name a user probably meant: the closest
// known name by edit distance, for "did you mean ...?" in messages.
package spelling

import "strings"

// Closest returns the candidate nearest to name, ignoring case, among those
// whose distance accept allows; on a tie the earlier candidate wins.
func Closest(name string, candidates []string, accept func(distance int) bool) (string, bool) {
	best, bestDist := "", -1
	lower := strings.ToLower(name)
	for _, c := range candidates {
		d := Distance(lower, strings.ToLower(c))
		if accept(d) && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best, bestDist >= 0
}

// Distance is the Levenshtein distance between a and b (bytes).
func Distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
