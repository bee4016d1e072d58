package org

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestManagementAccountWorkload(t *testing.T) { ruletest.Run(t, ManagementAccountWorkload) }

func TestSCPInvalid(t *testing.T) { ruletest.Run(t, SCPInvalid) }

func TestSCPUnattached(t *testing.T) { ruletest.Run(t, SCPUnattached) }

func TestLeaveOrganizationAllowed(t *testing.T) { ruletest.Run(t, LeaveOrganizationAllowed) }

func TestSecurityServicesUnprotected(t *testing.T) { ruletest.Run(t, SecurityServicesUnprotected) }

func TestRootUserUnrestricted(t *testing.T) { ruletest.Run(t, RootUserUnrestricted) }

func TestRegionUnrestricted(t *testing.T) { ruletest.Run(t, RegionUnrestricted) }

func TestAdminRolesUnprotected(t *testing.T) { ruletest.Run(t, AdminRolesUnprotected) }

func TestAIOptOutMissing(t *testing.T) { ruletest.Run(t, AIOptOutMissing) }

func TestTrailNotOrganizationWide(t *testing.T) { ruletest.Run(t, TrailNotOrganizationWide) }

func TestSecurityAdminNotDelegated(t *testing.T) { ruletest.Run(t, SecurityAdminNotDelegated) }
