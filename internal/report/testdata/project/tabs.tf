locals {
	x = {
		enabled = false # a tab-indented line
	}
}
