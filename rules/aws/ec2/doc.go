// Package ec2 holds blindspot's rules for EC2 and VPC networking.
package ec2

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{AMILookupNoOwner, OpenIngress, OpenEgress, SecurityGroupNoDescription, SecurityGroupRuleNoDescription, EBSUnencrypted, IMDSv1Allowed, DefaultSecurityGroupOpen, NACLOpenAdminPorts, NACLOpenAllPorts, InstancePublicIP, SubnetPublicIPOnLaunch, EBSNoCustomerKey}
}
