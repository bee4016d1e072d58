//go:build !unix

package yamlnode

import "testing"

// reportCPUTime does not measure CPU time here.
func reportCPUTime(*testing.B) func() { return func() {} }
