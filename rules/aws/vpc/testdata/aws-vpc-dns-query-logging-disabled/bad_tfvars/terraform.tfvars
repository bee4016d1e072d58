log_dns_queries = false
