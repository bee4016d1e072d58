multi_region = true
