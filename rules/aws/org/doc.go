// Package org holds blindspot's organisation-level rules: what the AWS
// multi-account guidance asks of an AWS Organizations setup.
package org

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{ManagementAccountWorkload, SCPInvalid, SCPUnattached, LeaveOrganizationAllowed, SecurityServicesUnprotected, RootUserUnrestricted, RegionUnrestricted, AdminRolesUnprotected, AIOptOutMissing, TrailNotOrganizationWide, SecurityAdminNotDelegated}
}

// protectedActions are the actions that stop or delete the security
// services an organisation relies on.
var protectedActions = []string{
	"cloudtrail:StopLogging", "cloudtrail:DeleteTrail",
	"guardduty:DeleteDetector", "guardduty:DisassociateFromMasterAccount",
	"config:StopConfigurationRecorder", "config:DeleteConfigurationRecorder", "config:DeleteDeliveryChannel",
	"securityhub:DisableSecurityHub",
}

// delegatedServices are the security services whose organisation-wide use
// calls for a delegated administrator: the trusted-access principals that
// enable them, and a CloudFormation type whose presence shows it.
var delegatedServices = []struct {
	name       string
	principals []string
	cfnType    string
}{
	{"GuardDuty", []string{"guardduty.amazonaws.com"}, ""},
	{"Security Hub", []string{"securityhub.amazonaws.com"}, "AWS::SecurityHub::OrganizationConfiguration"},
	{"AWS Config", []string{"config.amazonaws.com", "config-multiaccountsetup.amazonaws.com"}, ""},
}
