// Package builtin lists every rule blindspot ships.
package builtin

import (
	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/rules/aws/apigateway"
	"github.com/blindspot-iac/blindspot/rules/aws/athena"
	"github.com/blindspot-iac/blindspot/rules/aws/cloudfront"
	"github.com/blindspot-iac/blindspot/rules/aws/cloudtrail"
	"github.com/blindspot-iac/blindspot/rules/aws/cloudwatch"
	"github.com/blindspot-iac/blindspot/rules/aws/codebuild"
	"github.com/blindspot-iac/blindspot/rules/aws/config"
	"github.com/blindspot-iac/blindspot/rules/aws/documentdb"
	"github.com/blindspot-iac/blindspot/rules/aws/dynamodb"
	"github.com/blindspot-iac/blindspot/rules/aws/ec2"
	"github.com/blindspot-iac/blindspot/rules/aws/ecr"
	"github.com/blindspot-iac/blindspot/rules/aws/efs"
	"github.com/blindspot-iac/blindspot/rules/aws/eks"
	"github.com/blindspot-iac/blindspot/rules/aws/elasticache"
	"github.com/blindspot-iac/blindspot/rules/aws/elb"
	"github.com/blindspot-iac/blindspot/rules/aws/emr"
	"github.com/blindspot-iac/blindspot/rules/aws/guardduty"
	"github.com/blindspot-iac/blindspot/rules/aws/iam"
	"github.com/blindspot-iac/blindspot/rules/aws/kinesis"
	"github.com/blindspot-iac/blindspot/rules/aws/kms"
	"github.com/blindspot-iac/blindspot/rules/aws/lambda"
	"github.com/blindspot-iac/blindspot/rules/aws/mq"
	"github.com/blindspot-iac/blindspot/rules/aws/msk"
	"github.com/blindspot-iac/blindspot/rules/aws/neptune"
	"github.com/blindspot-iac/blindspot/rules/aws/opensearch"
	"github.com/blindspot-iac/blindspot/rules/aws/org"
	"github.com/blindspot-iac/blindspot/rules/aws/rds"
	"github.com/blindspot-iac/blindspot/rules/aws/redshift"
	"github.com/blindspot-iac/blindspot/rules/aws/s3"
	"github.com/blindspot-iac/blindspot/rules/aws/secrets"
	"github.com/blindspot-iac/blindspot/rules/aws/secretsmanager"
	"github.com/blindspot-iac/blindspot/rules/aws/securityhub"
	"github.com/blindspot-iac/blindspot/rules/aws/sns"
	"github.com/blindspot-iac/blindspot/rules/aws/sqs"
	"github.com/blindspot-iac/blindspot/rules/aws/stepfunctions"
	"github.com/blindspot-iac/blindspot/rules/aws/vpc"
	"github.com/blindspot-iac/blindspot/rules/aws/workspaces"
)

// Rules returns every built-in rule, in no particular order.
func Rules() []*rules.Rule {
	var all []*rules.Rule
	for _, pkg := range [][]*rules.Rule{
		apigateway.Rules(),
		athena.Rules(),
		cloudfront.Rules(),
		codebuild.Rules(),
		kinesis.Rules(),
		secretsmanager.Rules(),
		stepfunctions.Rules(),
		workspaces.Rules(),
		cloudtrail.Rules(),
		cloudwatch.Rules(),
		documentdb.Rules(),
		dynamodb.Rules(),
		ecr.Rules(),
		efs.Rules(),
		elasticache.Rules(),
		eks.Rules(),
		elb.Rules(),
		emr.Rules(),
		guardduty.Rules(),
		lambda.Rules(),
		mq.Rules(),
		msk.Rules(),
		neptune.Rules(),
		opensearch.Rules(),
		rds.Rules(),
		redshift.Rules(),
		sns.Rules(),
		sqs.Rules(),
		config.Rules(),
		securityhub.Rules(),
		vpc.Rules(),
		ec2.Rules(),
		iam.Rules(),
		kms.Rules(),
		org.Rules(),
		s3.Rules(),
		secrets.Rules(),
	} {
		all = append(all, pkg...)
	}
	return all
}

// Registry returns the registry of every built-in rule. It panics only if
// the rules themselves are inconsistent, which a test rules out.
func Registry() *rules.Registry {
	reg, err := rules.NewRegistry(Rules()...)
	if err != nil {
		panic(err)
	}
	return reg
}
