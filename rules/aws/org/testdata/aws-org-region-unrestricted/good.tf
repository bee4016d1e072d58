variable "approved_regions" {
  type    = list(string)
  default = ["eu-west-1", "eu-central-1"]
}

resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

data "aws_iam_policy_document" "regions" {
  statement {
    sid    = "DenyOutsideApprovedRegions"
    effect = "Deny"
    not_actions = [
      "iam:*", "organizations:*", "sts:*", "support:*", "budgets:*",
      "cloudfront:*", "route53:*", "waf:*", "globalaccelerator:*",
    ]
    resources = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestedRegion"
      values   = var.approved_regions
    }
  }
}

resource "aws_organizations_policy" "regions" {
  name    = "approved-regions"
  content = data.aws_iam_policy_document.regions.json
}

resource "aws_organizations_policy_attachment" "regions" {
  policy_id = aws_organizations_policy.regions.id
  target_id = "r-ab12"
}
