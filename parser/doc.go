// Package parser finds the infrastructure code under the paths a user
// gives and decides what each file is: a Terraform module directory, a
// CloudFormation template, a Terraform plan, or something else to ignore.
// The front ends in parser/terraform and parser/cloudformation evaluate
// what it finds.
package parser
