resource "aws_kms_key" "shared" {
  description         = "shared data key"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EnableIAMPolicies"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "AllowUseByAnyone"
        Effect    = "Allow"
        Principal = "*" # want: aws-kms-key-policy-public
        Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = "*"
      },
    ]
  })
}

# The split policy resource replaces the key's policy.
resource "aws_kms_key" "logs" {
  description         = "log key"
  enable_key_rotation = true
}

resource "aws_kms_key_policy" "logs" {
  key_id = aws_kms_key.logs.id
  policy = trimspace( # want: aws-kms-key-policy-public
    <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": {"AWS": "*"},
          "Action": "kms:*",
          "Resource": "*",
          "Condition": {"StringEquals": {"kms:ViaService": "s3.eu-west-1.amazonaws.com"}}
        }
      ]
    }
  POLICY
  )
}
