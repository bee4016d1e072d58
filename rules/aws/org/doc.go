// Package org holds blindspot's organisation-level rules: what the AWS
// multi-account guidance asks of an AWS Organizations setup (nothing but
// governance in the management account, service control policies as
// guardrails, an organisation-wide trail, security services run from a
// delegated administrator account).
package org

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{
		ManagementAccountWorkload,
		SCPInvalid,
		SCPUnattached,
		LeaveOrganizationAllowed,
		SecurityServicesUnprotected,
		RootUserUnrestricted,
		RegionUnrestricted,
		AdminRolesUnprotected,
		AIOptOutMissing,
		TrailNotOrganizationWide,
		SecurityAdminNotDelegated,
	}
}
