resource "aws_codebuild_project" "app" {
  name         = "app"
  service_role = "arn:aws:iam::111122223333:role/codebuild"

  artifacts {
    type                = "S3"
    location            = "acme-artifacts"
    encryption_disabled = true # want: aws-codebuild-artifacts-unencrypted "does not encrypt its artifacts"
  }

  secondary_artifacts {
    artifact_identifier = "reports"
    type                = "S3"
    location            = "acme-reports"
    encryption_disabled = true # want: aws-codebuild-artifacts-unencrypted "secondary artifacts reports"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
  }

  source {
    type     = "GITHUB"
    location = "https://github.com/example/app.git"
  }
}
