package aws

// Category classifies what a resource type is for, as the AWS multi-account
// guidance distinguishes it: workloads (which run or store application
// data) do not belong in the organisation's management account; governance
// resources do.
type Category string

// Workload categories. The empty Category means the type is not a
// workload (governance, identity, networking plumbing, or unclassified).
const (
	Compute      Category = "compute"
	Containers   Category = "containers"
	Serverless   Category = "serverless"
	Database     Category = "database"
	Cache        Category = "cache"
	Storage      Category = "storage"
	Analytics    Category = "analytics"
	Messaging    Category = "queues and streams"
	LoadBalancer Category = "load balancing"
	APIGateway   Category = "API gateway"
	CDN          Category = "content delivery"
	MachineLearn Category = "machine learning"
)

// WorkloadCategory returns the workload category of a native resource type
// (Terraform or CloudFormation), or "" when it is not a workload.
func WorkloadCategory(resourceType string) Category {
	return workloadTypes[resourceType]
}

// workloadTypes lists, per category, the Terraform and CloudFormation types
// that run or store application data.
var workloadTypes = func() map[string]Category {
	m := map[string]Category{}
	add := func(c Category, types ...string) {
		for _, t := range types {
			m[t] = c
		}
	}
	add(Compute,
		"aws_emr_serverless_application", "aws_emrcontainers_virtual_cluster", "aws_gamelift_fleet", "aws_imagebuilder_image_pipeline", "aws_ec2_host", "aws_dms_replication_instance", "aws_transfer_server", "aws_datasync_task", "AWS::EMRServerless::Application", "AWS::EMRContainers::VirtualCluster", "AWS::GameLift::Fleet", "AWS::ImageBuilder::ImagePipeline", "AWS::EC2::Host", "AWS::DMS::ReplicationInstance", "AWS::Transfer::Server", "AWS::DataSync::Task",
		"aws_instance", "aws_spot_instance_request", "aws_spot_fleet_request", "aws_ec2_fleet",
		"aws_launch_template", "aws_launch_configuration", "aws_autoscaling_group",
		"aws_lightsail_instance", "aws_batch_compute_environment", "aws_batch_job_definition",
		"aws_elastic_beanstalk_environment", "aws_elastic_beanstalk_application",
		"aws_emr_cluster", "aws_workspaces_workspace", "aws_appstream_fleet",
		"AWS::EC2::Instance", "AWS::EC2::SpotFleet", "AWS::EC2::EC2Fleet", "AWS::EC2::LaunchTemplate",
		"AWS::AutoScaling::AutoScalingGroup", "AWS::AutoScaling::LaunchConfiguration",
		"AWS::Lightsail::Instance", "AWS::Batch::ComputeEnvironment", "AWS::Batch::JobDefinition",
		"AWS::ElasticBeanstalk::Environment", "AWS::ElasticBeanstalk::Application",
		"AWS::EMR::Cluster", "AWS::WorkSpaces::Workspace", "AWS::AppStream::Fleet")
	add(Containers,
		"aws_ecs_capacity_provider", "aws_eks_addon", "AWS::ECS::CapacityProvider", "AWS::EKS::Addon",
		"aws_ecs_cluster", "aws_ecs_service", "aws_ecs_task_definition", "aws_eks_cluster",
		"aws_eks_node_group", "aws_eks_fargate_profile", "aws_ecr_repository", "aws_apprunner_service",
		"AWS::ECS::Cluster", "AWS::ECS::Service", "AWS::ECS::TaskDefinition", "AWS::EKS::Cluster",
		"AWS::EKS::Nodegroup", "AWS::EKS::FargateProfile", "AWS::ECR::Repository", "AWS::AppRunner::Service")
	add(Serverless,
		"aws_lambda_event_source_mapping", "aws_apigatewayv2_integration", "aws_iot_topic_rule", "AWS::Lambda::EventSourceMapping", "AWS::IoT::TopicRule", "AWS::Serverless::Application",
		"aws_lambda_function", "aws_lambda_layer_version", "aws_lambda_function_url", "aws_sfn_state_machine",
		"aws_appsync_graphql_api", "aws_amplify_app",
		"AWS::Lambda::Function", "AWS::Lambda::LayerVersion", "AWS::Lambda::Url", "AWS::StepFunctions::StateMachine",
		"AWS::Serverless::Function", "AWS::Serverless::StateMachine", "AWS::Serverless::LayerVersion",
		"AWS::AppSync::GraphQLApi", "AWS::Amplify::App")
	add(Database,
		"aws_db_proxy", "aws_lightsail_database", "aws_opensearchserverless_collection", "aws_redshift_serverless_namespace", "AWS::RDS::DBProxy", "AWS::Lightsail::Database", "AWS::OpenSearchServerless::Collection", "AWS::RedshiftServerless::Namespace",
		"aws_db_instance", "aws_rds_cluster", "aws_rds_cluster_instance", "aws_rds_global_cluster",
		"aws_dynamodb_table", "aws_dynamodb_global_table", "aws_docdb_cluster", "aws_docdb_cluster_instance",
		"aws_neptune_cluster", "aws_neptune_cluster_instance", "aws_redshift_cluster",
		"aws_redshiftserverless_workgroup", "aws_keyspaces_table", "aws_qldb_ledger", "aws_timestreamwrite_database",
		"aws_memorydb_cluster", "aws_opensearch_domain", "aws_elasticsearch_domain",
		"AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::RDS::GlobalCluster", "AWS::DynamoDB::Table",
		"AWS::DynamoDB::GlobalTable", "AWS::Serverless::SimpleTable", "AWS::DocDB::DBCluster", "AWS::DocDB::DBInstance",
		"AWS::Neptune::DBCluster", "AWS::Neptune::DBInstance", "AWS::Redshift::Cluster",
		"AWS::RedshiftServerless::Workgroup", "AWS::Cassandra::Table", "AWS::QLDB::Ledger",
		"AWS::Timestream::Database", "AWS::MemoryDB::Cluster", "AWS::OpenSearchService::Domain",
		"AWS::Elasticsearch::Domain")
	add(Cache,
		"aws_elasticache_cluster", "aws_elasticache_replication_group", "aws_elasticache_serverless_cache",
		"aws_dax_cluster",
		"AWS::ElastiCache::CacheCluster", "AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::ServerlessCache",
		"AWS::DAX::Cluster")
	add(Storage,
		"aws_s3_bucket", "aws_efs_file_system", "aws_fsx_lustre_file_system", "aws_fsx_windows_file_system",
		"aws_fsx_ontap_file_system", "aws_fsx_openzfs_file_system", "aws_ebs_volume", "aws_backup_vault",
		"aws_storagegateway_gateway",
		"AWS::S3::Bucket", "AWS::EFS::FileSystem", "AWS::FSx::FileSystem", "AWS::EC2::Volume",
		"AWS::Backup::BackupVault", "AWS::StorageGateway::Gateway")
	add(Analytics,
		"aws_lakeformation_resource", "aws_appflow_flow", "aws_kendra_index", "aws_glue_trigger", "aws_emr_studio", "AWS::LakeFormation::Resource", "AWS::AppFlow::Flow", "AWS::Kendra::Index", "AWS::Glue::Trigger", "AWS::EMR::Studio",
		"aws_glue_job", "aws_glue_catalog_database", "aws_glue_crawler", "aws_athena_workgroup",
		"aws_kinesis_analytics_application", "aws_kinesisanalyticsv2_application", "aws_msk_cluster",
		"aws_msk_serverless_cluster", "aws_quicksight_data_source",
		"AWS::Glue::Job", "AWS::Glue::Database", "AWS::Glue::Crawler", "AWS::Athena::WorkGroup",
		"AWS::KinesisAnalytics::Application", "AWS::KinesisAnalyticsV2::Application", "AWS::MSK::Cluster",
		"AWS::MSK::ServerlessCluster", "AWS::QuickSight::DataSource")
	add(Messaging,
		"aws_sfn_activity", "aws_scheduler_schedule", "AWS::Scheduler::Schedule",
		"aws_sqs_queue", "aws_sns_topic", "aws_kinesis_stream", "aws_kinesis_firehose_delivery_stream",
		"aws_mq_broker", "aws_cloudwatch_event_bus", "aws_pipes_pipe",
		"AWS::SQS::Queue", "AWS::SNS::Topic", "AWS::Kinesis::Stream", "AWS::KinesisFirehose::DeliveryStream",
		"AWS::AmazonMQ::Broker", "AWS::Events::EventBus", "AWS::Pipes::Pipe")
	add(LoadBalancer,
		"aws_lb", "aws_alb", "aws_elb", "aws_lb_listener", "aws_alb_listener", "aws_lb_target_group",
		"aws_globalaccelerator_accelerator",
		"AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer",
		"AWS::ElasticLoadBalancingV2::Listener", "AWS::ElasticLoadBalancingV2::TargetGroup",
		"AWS::GlobalAccelerator::Accelerator")
	add(APIGateway,
		"aws_api_gateway_rest_api", "aws_api_gateway_stage", "aws_apigatewayv2_api", "aws_apigatewayv2_stage",
		"AWS::ApiGateway::RestApi", "AWS::ApiGateway::Stage", "AWS::ApiGatewayV2::Api", "AWS::ApiGatewayV2::Stage",
		"AWS::Serverless::Api", "AWS::Serverless::HttpApi")
	add(CDN,
		"aws_cloudfront_distribution", "aws_cloudfront_function",
		"AWS::CloudFront::Distribution", "AWS::CloudFront::Function")
	add(MachineLearn,
		"aws_bedrockagent_agent", "aws_bedrockagent_knowledge_base", "aws_sagemaker_endpoint_configuration", "aws_comprehend_document_classifier", "AWS::Bedrock::Agent", "AWS::Bedrock::KnowledgeBase", "AWS::SageMaker::EndpointConfig",
		"aws_sagemaker_endpoint", "aws_sagemaker_notebook_instance", "aws_sagemaker_model", "aws_sagemaker_domain",
		"AWS::SageMaker::Endpoint", "AWS::SageMaker::NotebookInstance", "AWS::SageMaker::Model", "AWS::SageMaker::Domain")
	return m
}()
