resource "aws_iam_role" "open" {
  name = "open"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" } # want: aws-iam-role-trust-public
      Action    = "sts:AssumeRole"
    }]
  })
}

# An external ID alone does not say who may assume the role.
resource "aws_iam_role" "vendor" {
  name = "vendor"
  assume_role_policy = trimspace( # want: aws-iam-role-trust-public
    <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": "*",
          "Action": "sts:AssumeRole",
          "Condition": {"StringEquals": {"sts:ExternalId": "acme-7d1f"}}
        }
      ]
    }
  POLICY
  )
}
