package ecs

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// EFSTransitEncryptionDisabled flags task definitions that mount EFS file
// systems without encrypting the traffic to them.
var EFSTransitEncryptionDisabled = &rules.Rule{
	ID:       "aws-ecs-efs-transit-encryption-disabled",
	Title:    "ECS task mounts an EFS volume without encryption in transit",
	Severity: rules.High,
	Description: "A task definition volume backed by Amazon EFS is mounted over NFS. Unless the volume's transit " +
		"encryption is ENABLED, the file data travels between the task and the file system's mount targets in " +
		"clear text, readable and alterable by anything that can see the VPC traffic; encryption at rest on the " +
		"file system does not cover it. Transit encryption is DISABLED when the volume does not say, and it is " +
		"required for EFS IAM authorization and access points, which is how access to the file system is " +
		"limited per task. The rule reads the EFS volumes of aws_ecs_task_definition (volume blocks with " +
		"efs_volume_configuration) and AWS::ECS::TaskDefinition (Volumes with EFSVolumeConfiguration).",
	Remediation: rules.Remediation{
		Text: "Set the volume's transit encryption to ENABLED (and, to limit what the task may do on the file " +
			"system, use IAM authorization and an access point).",
		Terraform: `resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{
    name        = "app"
    image       = "public.ecr.aws/nginx/nginx:latest"
    essential   = true
    mountPoints = [{ sourceVolume = "data", containerPath = "/data" }]
  }])
  volume {
    name = "data"
    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.data.id
      transit_encryption = "ENABLED"
      authorization_config {
        access_point_id = aws_efs_access_point.app.id
        iam             = "ENABLED"
      }
    }
  }
}`,
		CloudFormation: `TaskDefinition:
  Type: AWS::ECS::TaskDefinition
  Properties:
    Family: app
    ContainerDefinitions:
      - Name: app
        Image: public.ecr.aws/nginx/nginx:latest
        MountPoints:
          - SourceVolume: data
            ContainerPath: /data
    Volumes:
      - Name: data
        EFSVolumeConfiguration:
          FilesystemId: !Ref DataFileSystem
          TransitEncryption: ENABLED
          AuthorizationConfig:
            AccessPointId: !Ref AppAccessPoint
            IAM: ENABLED`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html",
		"https://docs.aws.amazon.com/efs/latest/ug/encryption-in-transit.html",
		"https://docs.aws.amazon.com/config/latest/developerguide/ecs-task-definition-efs-encryption-enabled.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkConfig, ID: "ecs-task-definition-efs-encryption-enabled"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-02"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"ecs", "efs", "encryption", "containers"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, t := range p.AWS.ECS.TaskDefinitions {
			for _, v := range t.EFSVolumes {
				p.ReportIf(aws.IsTrue(v.TransitEncryption).Not(), v.TransitEncryption,
					"ECS task definition %s mounts EFS volume %q without encryption in transit", t.Resource.Address, v.Name)
			}
		}
	},
}
