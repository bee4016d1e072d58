// Package redshift holds blindspot's rules for Amazon Redshift.
package redshift

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{Unencrypted, NoCustomerManagedKey, Public, DefaultVPC, ClassicSecurityGroup}
}

// clusterTF and clusterCFN are the cluster every remediation shows.
const clusterTF = `resource "aws_redshift_cluster" "this" {
  cluster_identifier        = "warehouse"
  node_type                 = "ra3.xlplus"
  number_of_nodes           = 2
  master_username           = "admin"
  manage_master_password    = true
  cluster_subnet_group_name = aws_redshift_subnet_group.private.name
  vpc_security_group_ids    = [aws_security_group.warehouse.id]
  publicly_accessible       = false
  encrypted                 = true
  kms_key_id                = aws_kms_key.warehouse.arn
}`

const clusterCFN = `Cluster:
  Type: AWS::Redshift::Cluster
  Properties:
    ClusterType: multi-node
    NodeType: ra3.xlplus
    NumberOfNodes: 2
    DBName: warehouse
    MasterUsername: admin
    ManageMasterPassword: true
    ClusterSubnetGroupName: !Ref PrivateSubnets
    VpcSecurityGroupIds:
      - !GetAtt WarehouseSecurityGroup.GroupId
    PubliclyAccessible: false
    Encrypted: true
    KmsKeyId: !GetAtt WarehouseKey.Arn`
